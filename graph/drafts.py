"""What a writer hands to the knowledge graph before it is validated: articles, assertion drafts, evidence.

Fact sheets (`dkg.factsheet`) and the extractor (`dkg.extraction`) both produce these; the write path
(`dkg.kg.KnowledgeGraph`) turns them into provenance RDF, validates them and appends them to the log.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.exceptions import UniquenessError
from rdflib.namespace import RDF
from rdflib.term import Node

Triple = tuple[Node, Node, Node]
Pattern = tuple[Node | None, Node | None, Node | None]
_TERM_TYPES = frozenset({URIRef, BNode, Literal})  # checked first: isinstance against rdflib's abstract Node is slow


@dataclass(frozen=True)
class ArticleRecord:
    """A source article: its full text is kept so evidence offsets can be checked."""

    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def iri(self, base: str) -> str:
        return f"{base}article/{self.sha256[:16]}"


@dataclass(frozen=True)
class Evidence:
    """A span of the article that supports an assertion; `end` is exclusive (Python str offsets)."""

    quote: str
    start: int
    end: int

    @classmethod
    def locate(cls, text: str, quote: str, start: int | None = None) -> Evidence:
        """Find `quote` in `text` (at `start` if given, else its first occurrence); ValueError if absent."""
        if start is not None:
            if text[start : start + len(quote)] != quote:
                raise ValueError(f"quote not found at offset {start}: {quote!r}")
            return cls(quote, start, start + len(quote))
        pos = text.find(quote)
        if pos < 0:
            raise ValueError(f"quote does not occur in the article: {quote!r}")
        return cls(quote, pos, pos + len(quote))


class FactGraph:
    """A draft's triples: a set in insertion order with the part of rdflib's Graph API drafts are used through.

    Adding to an rdflib Graph (a Memory store with contexts and events) took half the time of compiling a sheet;
    iteration, `in` (None is a wildcard), `triples`, `subjects`, `objects`, `predicates`, `value`, `len` and `+=`
    behave as on a Graph (terms compare as rdflib compares them), `to_graph` gives a full Graph.
    """

    __slots__ = ("_triples",)

    def __init__(self, triples: Iterable[Triple] = ()) -> None:
        self._triples: dict[Triple, None] = {}
        for t in triples:
            self.add(t)

    def add(self, triple: Triple) -> FactGraph:
        """Add one triple of rdflib terms (a triple already present is not added again)."""
        s, p, o = triple
        terms = _TERM_TYPES
        if not (type(s) in terms and type(p) in terms and type(o) in terms) and not (
            isinstance(s, Node) and isinstance(p, Node) and isinstance(o, Node)
        ):
            raise TypeError(f"a triple of rdflib terms is expected, got {triple!r}")
        self._triples[(s, p, o)] = None
        return self

    def __iadd__(self, other: Iterable[Triple]) -> FactGraph:
        for t in other:
            self.add(t)
        return self

    def __iter__(self) -> Iterator[Triple]:
        return iter(list(self._triples))

    def __len__(self) -> int:
        return len(self._triples)

    def __contains__(self, pattern: Pattern) -> bool:
        s, p, o = pattern
        if s is not None and p is not None and o is not None:
            return (s, p, o) in self._triples
        return next(self.triples(pattern), None) is not None

    def __repr__(self) -> str:
        return f"<FactGraph of {len(self._triples)} triples>"

    def triples(self, pattern: Pattern) -> Iterator[Triple]:
        """The triples matching a pattern (None matches any term), in insertion order."""
        s, p, o = pattern
        if s is not None and p is not None and o is not None:
            if (s, p, o) in self._triples:
                yield (s, p, o)
            return
        for t in list(self._triples):
            if (s is None or t[0] == s) and (p is None or t[1] == p) and (o is None or t[2] == o):
                yield t

    def subjects(self, predicate: Node | None = None, object: Node | None = None,
                 unique: bool = False) -> Iterator[Node]:  # fmt: skip
        """The subjects of the matching triples (each once if `unique`)."""
        return self._column(0, (None, predicate, object), unique)

    def predicates(self, subject: Node | None = None, object: Node | None = None,
                   unique: bool = False) -> Iterator[Node]:  # fmt: skip
        """The predicates of the matching triples (each once if `unique`)."""
        return self._column(1, (subject, None, object), unique)

    def objects(self, subject: Node | None = None, predicate: Node | None = None,
                unique: bool = False) -> Iterator[Node]:  # fmt: skip
        """The objects of the matching triples (each once if `unique`)."""
        return self._column(2, (subject, predicate, None), unique)

    def _column(self, i: int, pattern: Pattern, unique: bool) -> Iterator[Node]:
        terms = (t[i] for t in self.triples(pattern))
        return iter(dict.fromkeys(terms)) if unique else terms

    def value(self, subject: Node | None = None, predicate: Node | None = RDF.value,
              object: Node | None = None, default: Node | None = None, any: bool = True) -> Node | None:  # fmt: skip
        """The missing term of a pattern with one None, as `Graph.value` (the first match; `default` if none)."""
        if [subject, predicate, object].count(None) != 1:
            return None
        i = [subject, predicate, object].index(None)
        values = self._column(i, (subject, predicate, object), False)
        found = next(values, None)
        if found is None:
            return default
        if not any and next(values, None) is not None:
            raise UniquenessError([found])
        return found

    def to_graph(self) -> Graph:
        """The triples as an rdflib Graph (for serialising or querying them with rdflib)."""
        g = Graph(bind_namespaces="core")
        for t in self._triples:
            g.add(t)
        return g


@dataclass
class AssertionDraft:
    """One source's claim: the fact triples plus the evidence that supports them."""

    facts: Graph | FactGraph
    evidence: list[Evidence]
    confidence: float | None = None
    method: str = "manual"  # "manual" or "extraction"
    extractor: str | None = None
    label: str | None = None  # the fact's key in its sheet, for error messages
    subjects: list[str] = field(default_factory=list)  # IRIs of the main nodes (focus nodes), e.g. the event


@dataclass
class CompiledSheet:
    """A fact sheet turned into RDF, ready for the write path."""

    article: ArticleRecord
    assertions: list[AssertionDraft]
