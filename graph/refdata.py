"""The reference data sets `dkg init` loads: the ontology, CAMEO/PLOVER codes and the gazetteer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import dkg
from dkg.validation import ontology_graph
from rdflib import Graph


@dataclass(frozen=True)
class ReferenceDataset:
    """A named reference data set and how to build its RDF under a base IRI."""

    name: str
    description: str
    build: Callable[[str], Graph]
    validate: bool = False


def _ontology(base: str) -> Graph:
    return ontology_graph()


def _codes(base: str) -> Graph:
    from dkg.codes import cameo_graph  # noqa: PLC0415

    return cameo_graph()


def _gazetteer(base: str) -> Graph:
    from dkg.gazetteer import gazetteer_graph  # noqa: PLC0415

    return gazetteer_graph(base)


DATASETS = (
    ReferenceDataset("ontology", "the dkg OWL ontology", _ontology),
    ReferenceDataset("cameo", "CAMEO event codes, PLOVER types, Goldstein scores (SKOS)", _codes),
    ReferenceDataset("gazetteer", "states, leaders, organisations, armed groups and places", _gazetteer, True),
)


def load_reference_data(kg, principal: str = "dkg", progress: Callable[[int], None] | None = None) -> list[str]:
    """Load (or refresh) every reference data set; returns the names that changed."""
    changed = []
    for dataset in DATASETS:
        event = kg.load_reference(dataset.name, dataset.build(kg.base), principal,
                                  version_label=dkg.__version__, validate=dataset.validate)
        if event is not None:
            changed.append(dataset.name)
        if progress:
            progress(1)
    return changed
