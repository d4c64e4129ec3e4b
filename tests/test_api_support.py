"""Helpers shared by the API tests: a live uvicorn server on a free loopback port, seeded knowledge graphs."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import uvicorn
from dkg.api.app import create_app
from dkg.api.state import ApiConfig
from dkg.kg import KnowledgeGraph
from dkg.tokens import TokenStore
from fastapi import FastAPI

ROOT = Path(__file__).resolve().parent.parent
SEED_SHEET = ROOT / "examples" / "aleppo-2016.yaml"


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LiveServer:
    """A running server: its URL, app, knowledge graph and tokens per role."""

    url: str
    app: FastAPI
    kg: KnowledgeGraph
    tokens: dict[str, str]

    def auth(self, role: str = "editor") -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"}


def make_tokens(kg: KnowledgeGraph) -> dict[str, str]:
    """One token per role, named after it."""
    store = TokenStore(kg.log)
    for info in store.list():
        if info.active and info.name.startswith("test-"):
            store.revoke(info.name)
    return {role: store.create(f"test-{role}", role)[0] for role in ("reader", "editor", "admin")}


@contextmanager
def live_server(kg: KnowledgeGraph, config: ApiConfig | None = None) -> Iterator[LiveServer]:
    """Run the app with uvicorn on 127.0.0.1 in a thread; stop it on exit."""
    tokens = make_tokens(kg)
    app = create_app(kg, config)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           lifespan="on", timeout_graceful_shutdown=2))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield LiveServer(f"http://127.0.0.1:{port}", app, kg, tokens)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def seeded_kg() -> KnowledgeGraph:
    """An in-memory knowledge graph with the reference data and the Aleppo 2016 seed sheet loaded."""
    from dkg.factsheet import load_sheet  # noqa: PLC0415
    from dkg.refdata import load_reference_data  # noqa: PLC0415

    kg = KnowledgeGraph.in_memory()
    load_reference_data(kg)
    kg.assert_sheet(load_sheet(SEED_SHEET, base=kg.base), "seed")
    return kg


SEED_TEXT_FILE = Path("/work/shared/seeds/aleppo-2016.txt")
_PREFIXES = """@prefix dkg: <https://w3id.org/dkg/ontology#> . @prefix wd: <http://www.wikidata.org/entity/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix cameo: <https://w3id.org/dkg/cameo/> . @base <https://w3id.org/dkg/id/> .
"""
_GAZETTEER = """
<actor/france> a dkg:State ; rdfs:label "France"@en ; skos:altLabel "French Republic"@en ; owl:sameAs wd:Q142 .
<actor/russia> a dkg:State ; rdfs:label "Russia"@en ; skos:altLabel "Russian Federation"@en ; owl:sameAs wd:Q159 .
<actor/china> a dkg:State ; rdfs:label "China"@en ; owl:sameAs wd:Q148 .
<actor/turkey> a dkg:State ; rdfs:label "Turkey"@en ; owl:sameAs wd:Q43 .
<actor/syria> a dkg:State ; rdfs:label "Syria"@en ; owl:sameAs wd:Q858 .
<actor/un-security-council> a dkg:OrganisationOrgan ; rdfs:label "UN Security Council"@en ; owl:sameAs wd:Q37470 .
<actor/international-criminal-court> a dkg:Court ; rdfs:label "International Criminal Court"@en .
<place/aleppo> a dkg:City ; rdfs:label "Aleppo"@en ; owl:sameAs wd:Q41183 .
<place/said-aleppo> a dkg:District ; rdfs:label "Said"@en ; dkg:partOf <place/aleppo> .
"""
# (facts, quote) per assertion; dates as the design models them
_FACTS = [
    ("""<event/russia-veto-s-2016-846> a dkg:Veto ; rdfs:label "Russia vetoes the French draft"@en ;
        dkg:agent <actor/russia> ; dkg:forum <actor/un-security-council> ; dkg:resolution <resolution/s-2016-846> ;
        dkg:modality dkg:Completed ; dkg:cameoCode cameo:1711 ; dkg:quadClass 3 ; dkg:goldstein -4.0 ;
        dkg:date "2016-10-08"^^xsd:date ; dkg:validFrom "2016-10-08"^^xsd:date ; dkg:validTo "2016-10-08"^^xsd:date ;
        dkg:datePrecision dkg:DayPrecision .""",
     "Russia has recently vetoed a resolution drafted by France at UN"),
    ("""<resolution/s-2016-846> a dkg:DraftResolution ; rdfs:label "S/2016/846"@en ; dkg:sponsor <actor/france> ;
        dkg:place <place/aleppo> .""",
     "a resolution drafted by France at UN which demanded an immediate end to the air-strikes at Aleppo"),
    ("""<vote/s-2016-846> a dkg:Vote ; rdfs:label "Vote on S/2016/846"@en ; dkg:resolution <resolution/s-2016-846> ;
        dkg:abstainer <actor/china> ; dkg:forum <actor/un-security-council> ; dkg:modality dkg:Completed ;
        dkg:validFrom "2016-10-08"^^xsd:date ; dkg:validTo "2016-10-08"^^xsd:date .""",
     "this time China had abstained from voting"),
    ("""<event/france-icc-referral> a dkg:Referral ; dkg:agent <actor/france> ;
        dkg:court <actor/international-criminal-court> ; dkg:place <place/aleppo> ; dkg:modality dkg:Announced ;
        dkg:cameoCode cameo:115 ; dkg:quadClass 3 ; dkg:goldstein -2.0 ;
        dkg:validFrom "2016-10-10"^^xsd:date ; dkg:validTo "2016-10-10"^^xsd:date .""",
     "France has announced to take the matter to International Criminal Court"),
    ("""<event/france-opposes-russian-advance> a dkg:Opposition ; dkg:agent <actor/france> ; dkg:target <actor/russia> ;
        dkg:place <place/aleppo> ; dkg:modality dkg:Reported ; dkg:cameoCode cameo:111 ; dkg:quadClass 3 ;
        dkg:goldstein -2.0 ; dkg:validFrom "2016-10-10"^^xsd:date ; dkg:validTo "2016-10-10"^^xsd:date .""",
     "France is standing firmly against the Russian advance on the city"),
    ("""<event/turkey-russia-military-contacts> a dkg:Agreement ; dkg:participant <actor/turkey>, <actor/russia> ;
        dkg:topic dkg:MilitaryContacts ; dkg:modality dkg:Completed ; dkg:cameoCode cameo:057 ; dkg:quadClass 1 ;
        dkg:goldstein 8.0 ; dkg:validFrom "2016-10-10"^^xsd:date ; dkg:validTo "2016-10-10"^^xsd:date .""",
     "the two sides have agreed to increased military contacts"),
    ("""<event/turkey-russia-aid-aleppo> a dkg:AidCooperation ; dkg:participant <actor/turkey>, <actor/russia> ;
        dkg:beneficiary <place/aleppo> ; dkg:modality dkg:Announced ; dkg:cameoCode cameo:073 ; dkg:quadClass 2 ;
        dkg:goldstein 7.4 ; dkg:validFrom "2016-10-10"^^xsd:date ; dkg:validTo "2016-10-10"^^xsd:date .""",
     "will also cooperate in giving aid to Aleppo"),
    ("""<event/syria-russia-offensive-aleppo> a dkg:MilitaryOffensive ; dkg:agent <actor/syria> ;
        dkg:supporter <actor/russia> ; dkg:place <place/aleppo> ; dkg:modality dkg:Completed ; dkg:cameoCode cameo:190 ;
        dkg:quadClass 4 ; dkg:goldstein -10.0 ; dkg:since "2016-09-22"^^xsd:date ;
        dkg:validFrom "2016-09-22"^^xsd:date ; dkg:datePrecision dkg:OpenInterval .""",
     "after the joint offensive was launched by Russia and Syria"),
]
SECOND_TEXT = ("Security Council, 9 October 2016: Russia vetoed the French draft on Aleppo on Sunday, the fifth "
               "Russian veto on Syria.")
_SECOND = ("""<event/russia-veto-s-2016-846> a dkg:Veto ; dkg:agent <actor/russia> ;
        dkg:resolution <resolution/s-2016-846> ; dkg:modality dkg:Completed ; dkg:quadClass 3 ; dkg:goldstein -4.0 ;
        dkg:date "2016-10-09"^^xsd:date ; dkg:validFrom "2016-10-09"^^xsd:date ;
        dkg:validTo "2016-10-09"^^xsd:date .""",
           "Russia vetoed the French draft on Aleppo on Sunday")


def synthetic_kg(data_dir: Path | None = None) -> KnowledgeGraph:
    """A knowledge graph shaped like the Aleppo 2016 seed (SHACL off), built independently of the fact-sheet
    compiler: the ontology, a small gazetteer, one article with eight assertions, and a second article that
    dates the veto differently (a disagreement between sources). In memory, or on disk in `data_dir`."""
    from datetime import date  # noqa: PLC0415

    from dkg.drafts import ArticleRecord, AssertionDraft, Evidence  # noqa: PLC0415
    from dkg.validation import ontology_graph  # noqa: PLC0415
    from rdflib import Graph  # noqa: PLC0415

    if data_dir is None:
        kg = KnowledgeGraph.in_memory(validator=None)
    else:
        from dkg.config import Settings  # noqa: PLC0415

        settings = Settings.load(data_dir)
        settings.save()
        kg = KnowledgeGraph.open(settings)
        kg.validator = None
    kg.load_reference("ontology", ontology_graph(), "seed")
    kg.load_reference("gazetteer", Graph().parse(data=_PREFIXES + _GAZETTEER, format="turtle"), "seed")
    text = SEED_TEXT_FILE.read_text()
    article = ArticleRecord(text=text, title="France pressing for war crimes investigation in Aleppo",
                            url="https://example.org/aleppo-2016", published=date(2016, 10, 10))
    drafts = [AssertionDraft(facts=Graph().parse(data=_PREFIXES + facts, format="turtle"),
                             evidence=[Evidence.locate(text, quote)], confidence=1.0)
              for facts, quote in _FACTS]
    kg.assert_drafts(article, drafts, "seed")
    second = ArticleRecord(text=SECOND_TEXT, title="Fifth Russian veto", published=date(2016, 10, 9))
    kg.assert_drafts(second, [AssertionDraft(facts=Graph().parse(data=_PREFIXES + _SECOND[0], format="turtle"),
                                             evidence=[Evidence.locate(SECOND_TEXT, _SECOND[1])])], "seed")
    return kg


@dataclass
class Race:
    """A runaway query raced against a quick one on a live server."""

    status: int
    body: dict
    elapsed: float
    quick_status: int
    quick_elapsed: float


def race_runaway(client: httpx.Client, runaway: str) -> Race:
    """Send `runaway`, then a quick ASK while it runs; return both outcomes and how long each took."""
    outcome: dict[str, tuple] = {}

    def slow() -> None:
        started = time.monotonic()
        r = client.get("/sparql", params={"query": runaway})
        outcome["slow"] = (r.status_code, r.json(), time.monotonic() - started)

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.3)
    started = time.monotonic()
    quick = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    quick_elapsed = time.monotonic() - started
    thread.join(20)
    return Race(*outcome["slow"], quick.status_code, quick_elapsed)
