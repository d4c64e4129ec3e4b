"""What a writer hands to the knowledge graph before it is validated: articles, assertion drafts, evidence.

Fact sheets (`dkg.factsheet`) and the extractor (`dkg.extraction`) both produce these; the write path
(`dkg.kg.KnowledgeGraph`) turns them into provenance RDF, validates them and appends them to the log.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from rdflib import Graph


@dataclass(frozen=True)
class ArticleRecord:
    """A source article: its full text is kept so evidence offsets can be checked."""

    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None

    @property
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


@dataclass
class AssertionDraft:
    """One source's claim: the fact triples plus the evidence that supports them."""

    facts: Graph
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
