"""The knowledge graph application: commands go through SHACL, the log and the projection, in that order.

command -> candidate RDF -> SHACL on the candidate's focus nodes (plus the neighbourhood the shapes read)
-> refuse with the report and append nothing, or append the events (optimistic concurrency on the log's
version) -> apply their effective patches to the projection. Queries read the projection, at the head or
as of any past version.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from dkg.assertions import article_graph, claim_digest, new_assertion_iri, provenance_graph, retraction_graph
from dkg.config import Settings
from dkg.drafts import ArticleRecord, AssertionDraft, CompiledSheet
from dkg.events import (
    ARTICLE_REGISTERED,
    ENTITIES_MERGED,
    FACTS_ASSERTED,
    FACTS_RETRACTED,
    GRAPH_PATCHED,
    REFERENCE_DATA_LOADED,
    Event,
    NewEvent,
    Patch,
    parse_timestamp,
)
from dkg.log import ConcurrencyError, EventLog, LogError, open_log
from dkg.normalize import Skolemizer, from_ox, graph_quads, normalize_quad
from dkg.projection import Projection, dataset_digest, user_quads
from dkg.terms import DKG, PREFIXES, SYSTEM_GRAPH, Graphs
from dkg.timetravel import TimeTravel
from dkg.validation import ValidationReport, neighbourhood, validate_graph
from rdflib import Graph, URIRef

Progress = Callable[[int], None] | None
Validator = Callable[[Graph, list[str]], ValidationReport]
_RETRIES = 5
_OWL_SAMEAS = ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs")
_RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_SKOS_ALT = ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")


def write_validator(name: str) -> Validator:
    """The write-path validator by name: "compiled" (the shapes compiled to fast checks, cross-checked against
    pyshacl by a property test) or "pyshacl" (the reference engine, ~50-100x slower per write)."""
    if name == "pyshacl":
        return validate_graph
    if name == "compiled":
        from dkg.compiled_validation import validate_compiled  # noqa: PLC0415

        return validate_compiled
    raise KGError(f"unknown validator {name!r}: use 'compiled' or 'pyshacl'")


class KGError(Exception):
    """A command was refused; the message is meant for the user."""


class NotFound(KGError):
    """The command names an assertion or entity the graph does not hold."""


class Conflict(KGError):
    """The command contradicts the current state (already retracted, stale expected version)."""


class ValidationFailed(KGError):
    """SHACL refused the candidate; nothing was written."""

    def __init__(self, report: ValidationReport, what: str = "the write") -> None:
        super().__init__(f"{what} violates the shapes: {len(report.violations)} problem(s); nothing was written")
        self.report = report


@dataclass
class _Overlay:
    """What the store will hold after earlier events of the same command, to keep patches effective."""

    store: ox.Store
    added: set[ox.Quad]
    removed: set[ox.Quad]

    def present(self, q: ox.Quad) -> bool:
        if q in self.added:
            return True
        if q in self.removed:
            return False
        return q in self.store

    def effective(self, remove: Iterable[ox.Quad], add: Iterable[ox.Quad]) -> Patch:
        add_set = dict.fromkeys(add)
        rem = [q for q in dict.fromkeys(remove) if q not in add_set and self.present(q)]
        for q in rem:
            self.removed.add(q)
            self.added.discard(q)
        new = [q for q in add_set if not self.present(q)]
        for q in new:
            self.added.add(q)
            self.removed.discard(q)
        return Patch(remove=tuple(rem), add=tuple(new))


class KnowledgeGraph:
    """One knowledge base: an event log, its projection and the write path between them."""

    def __init__(self, log: EventLog, projection: Projection, *, base: str,
                 validator: Validator | None = validate_graph) -> None:  # the reference engine unless told
        """`validator(data, focus)` checks writes (None disables SHACL: only for tests of other layers)."""
        self.log = log
        self.validator = validator
        self.projection = projection
        self.base = base
        self.graphs = Graphs(base)
        self.timetravel = TimeTravel(projection, log)
        self._write_lock = threading.RLock()

    @property
    def write_lock(self) -> threading.RLock:
        """Held by every write (re-entrant): hold it to make a check and a write atomic in this process."""
        return self._write_lock

    # ---- opening -------------------------------------------------------------------------------------

    @classmethod
    def open(cls, settings: Settings | None = None, *, catch_up: bool = True, progress: Progress = None,
             **overrides: Any) -> KnowledgeGraph:
        """Open the knowledge base described by `settings` (default: ./dkg-data) and apply the log's tail."""
        settings = settings or Settings.load(**overrides)
        log = open_log(settings.resolved_log_url)
        stored_base = log.get_meta("base_iri")
        if stored_base and stored_base != settings.base:
            settings.base = stored_base
        if settings.store_url:
            from dkg.remote_store import RemoteProjection  # noqa: PLC0415

            projection: Projection = RemoteProjection(settings.store_url)
        else:
            projection = Projection(settings.projection_dir, snapshot_every=settings.snapshot_every)
        kg = cls(log, projection, base=settings.base, validator=write_validator(settings.validator))
        if catch_up:
            kg.catch_up(progress)
        return kg

    @classmethod
    def in_memory(cls, base: str | None = None, *, validator: Validator | None | str = "compiled") -> KnowledgeGraph:
        """A throw-away knowledge base (SQLite and Oxigraph in memory), for tests and experiments."""
        from dkg.sqlite_log import SQLiteLog  # noqa: PLC0415
        from dkg.terms import DEFAULT_BASE  # noqa: PLC0415

        if isinstance(validator, str):
            validator = write_validator(validator)
        return cls(SQLiteLog(":memory:"), Projection(None), base=base or DEFAULT_BASE, validator=validator)

    def close(self) -> None:
        self.timetravel.close()
        self.projection.close()
        self.log.close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- versions ------------------------------------------------------------------------------------

    def version(self) -> int:
        """The version (last applied event) the projection answers from."""
        return self.projection.version()

    def catch_up(self, progress: Progress = None) -> int:
        """Apply the events the projection has not seen yet (only the tail after a restart)."""
        with self._write_lock:
            return self.projection.apply(self.log.read(after=self.projection.version()), progress)

    def refresh(self) -> int:
        """Apply events other processes appended since (a cheap head check when there are none)."""
        if self.log.head() > self.projection.version():
            self.catch_up()
        return self.version()

    def resolve_version(self, as_of: int | str | datetime | None) -> int:
        """A version from a sequence number, an ISO timestamp or a datetime (None: the head)."""
        if as_of is None:
            self.refresh()
            return self.version()
        if isinstance(as_of, int):
            version = as_of
        elif isinstance(as_of, datetime):
            version = self.log.seq_at(as_of)
        elif isinstance(as_of, str) and as_of.strip().lstrip("-").isdigit():
            version = int(as_of)
        else:
            try:
                moment = parse_timestamp(str(as_of))
            except ValueError as exc:
                raise KGError(f"as-of must be a version number or an ISO 8601 timestamp, not {as_of!r}") from exc
            version = self.log.seq_at(moment)
        head = self.version()
        if version < 0 or version > head:
            raise KGError(f"version {version} does not exist: the log holds versions 0 to {head}")
        return version

    def store_at(self, as_of: int | str | datetime | None = None) -> tuple[ox.Store, int]:
        """The store to read and the version it shows."""
        version = self.resolve_version(as_of)
        return self.timetravel.store_at(version), version

    # ---- queries -------------------------------------------------------------------------------------

    def query(self, sparql: str, *, as_of: int | str | datetime | None = None, **options: Any):
        """Run a SPARQL query over the union of all graphs (at a past version with `as_of`).

        The dkg prefixes (dkg:, prov:, oa:, wd:, ...) are predeclared.
        """
        store, _ = self.store_at(as_of)
        if "default_graph" not in options:
            options.setdefault("use_default_graph_as_union", True)
        return store.query(sparql, prefixes=PREFIXES, **options)

    def select(self, sparql: str, *, as_of: int | str | datetime | None = None) -> list[dict[str, Any]]:
        """A SELECT query's solutions as dicts of rdflib terms (unbound variables left out)."""
        result = self.query(sparql, as_of=as_of)
        names = [v.value for v in result.variables]
        rows = []
        for solution in result:
            row = {}
            for name in names:
                value = solution[name]
                if value is not None:
                    row[name] = from_ox(value)
            rows.append(row)
        return rows

    # ---- the write path ------------------------------------------------------------------------------

    def _commit(self, build: Callable[[int, datetime, _Overlay], tuple[list[NewEvent], Graph, set[str]]],
                *, what: str, validate: bool = True) -> list[Event]:
        """Build events against the current head, validate, append with expected_version, project.

        `build(next_seq, now, overlay)` returns the events, the candidate triples to validate and the focus
        nodes. A concurrent append by another process makes the append fail; the command is then rebuilt
        against the new head (a few times) — never appended on top of a state it did not see.
        """
        for _attempt in range(_RETRIES):
            with self._write_lock:
                self.catch_up()
                head = self.log.head()
                if self.projection.version() != head:
                    raise LogError("the projection could not catch up with the log")
                overlay = _Overlay(self.projection.store, set(), set())
                try:
                    events, _, _ = self._prepare(build, head, overlay, validate, what)
                finally:
                    overlay.store = None  # an exception's traceback must not keep the store open
                if not events:
                    return []
                try:
                    appended = self.log.append(events, expected_version=head)
                except ConcurrencyError:
                    continue
                self.projection.apply(appended)
                return appended
        raise KGError(f"{what} kept conflicting with concurrent writers; try again")

    def _prepare(self, build, head: int, overlay: _Overlay, validate: bool, what: str
                 ) -> tuple[list[NewEvent], Graph, set[str]]:
        """Build a command's events against version `head` and validate its candidate (ValidationFailed)."""
        events, candidate, focus = build(head + 1, datetime.now(UTC), overlay)
        if events and validate and focus and self.validator is not None:
            own = {str(x) for x in candidate.subjects()}
            nodes = own | {str(o) for o in candidate.objects() if isinstance(o, URIRef)}
            data = candidate + neighbourhood(self.projection.store, nodes, overlay.removed,
                                             claims_prefix=f"{self.base}assertion/", own=own)
            report = self.validator(data, sorted(focus))
            if not report.conforms:
                raise ValidationFailed(report, what)
        return events, candidate, focus

    def _events_graph(self, quads: Iterable[ox.Quad]) -> Graph:
        g = Graph()
        for q in quads:
            g.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
        return g

    def register_article(self, article: ArticleRecord, principal: str) -> Event | None:
        """Record an article (metadata, full text, content hash); None if it is already registered."""
        events = self._commit(lambda seq, now, ov: self._article_event(article, principal, ov),
                              what="the article")
        return events[0] if events else None

    def _article_event(self, article: ArticleRecord, principal: str, overlay: _Overlay
                       ) -> tuple[list[NewEvent], Graph, set[str]]:
        iri = article.iri(self.base)
        marker = ox.Quad(ox.NamedNode(iri), ox.NamedNode(str(DKG.sha256)), ox.Literal(article.sha256),
                         ox.NamedNode(self.graphs.articles))
        if overlay.present(marker):
            return [], Graph(), set()
        g = article_graph(article, self.base)
        patch = overlay.effective((), graph_quads(g, self.graphs.articles))
        payload = {
            "article": iri,
            "sha256": article.sha256,
            "title": article.title,
            "url": article.url,
            "published": article.published.isoformat() if article.published else None,
            "text": article.text,
        }
        return [NewEvent(ARTICLE_REGISTERED, principal, payload, patch)], g, {iri}

    def record(self, events: Sequence[NewEvent]) -> list[Event]:
        """Append events that change no triples (review steps, notes): no validation, same log and order."""
        if any(len(e.patch) for e in events):
            raise KGError("record() only appends events with empty patches; use the write commands for changes")
        return self._commit(lambda seq, now, overlay: (list(events), Graph(), set()), what="the events",
                            validate=False)

    def assert_drafts(self, article: ArticleRecord, drafts: Sequence[AssertionDraft], principal: str, *,
                      then: Callable[[list[str]], list[NewEvent]] | None = None) -> list[Event]:
        """Register the article if new and append one FactsAsserted event per draft, all or nothing.

        `then(assertion_iris)` may add events with empty patches to the same atomic append (e.g. the review
        decision that accepted these facts).
        """
        if not drafts:
            raise KGError("nothing to assert: the sheet has no facts")

        def build(seq: int, now: datetime, overlay: _Overlay):
            events, candidate, focus = self._article_event(article, principal, overlay)
            article_iri = article.iri(self.base)
            minted: list[str] = []
            if not events:  # already registered: its text is in the store, the neighbourhood brings it
                focus = set()
            for draft in drafts:
                digest = claim_digest(article.sha256, [f"{q.subject} {q.predicate} {q.object}" for q in
                                                       graph_quads(draft.facts, None, Skolemizer(self.base))], draft)
                if self._live_claim(digest):
                    continue  # the same claim from the same source is already recorded
                assertion = new_assertion_iri(self.base)
                version = seq + len(events)
                skolem = Skolemizer(self.base)
                facts = graph_quads(draft.facts, assertion, skolem)
                prov = provenance_graph(assertion, draft, article_iri=article_iri, base=self.base,
                                        principal=principal, version=version, at=now, digest=digest)
                prov_quads = graph_quads(prov, self.graphs.provenance)
                patch = overlay.effective((), [*facts, *prov_quads])
                payload = {
                    "assertion": assertion,
                    "source": article_iri,
                    "label": draft.label,
                    "subjects": draft.subjects,
                    "confidence": draft.confidence,
                    "method": draft.method,
                    "evidence": [{"quote": e.quote, "start": e.start, "end": e.end} for e in draft.evidence],
                }
                events.append(NewEvent(FACTS_ASSERTED, principal, payload, patch))
                candidate += self._events_graph(facts)
                candidate += prov
                minted.append(assertion)
                focus |= {str(s) for s in prov.subjects()} | {str(s) for s in self._events_graph(facts).subjects()}
            if then is not None:
                extra = then(minted)
                if any(len(e.patch) for e in extra):
                    raise KGError("events added to an assertion must not change triples")
                events.extend(extra)
            return events, candidate, focus

        return self._commit(build, what="the assertions")

    def _live_claim(self, digest: str) -> bool:
        """Whether a live (not retracted) assertion already records this claim."""
        store = self.projection.store
        retracted = ox.NamedNode(str(DKG.retractedAtVersion))
        for q in store.quads_for_pattern(None, ox.NamedNode(str(DKG.claimDigest)), ox.Literal(digest), None):
            if not any(True for _ in store.quads_for_pattern(q.subject, retracted, None, None)):
                return True
        return False

    def assert_sheet(self, sheet: CompiledSheet, principal: str) -> list[Event]:
        """Append a compiled fact sheet (see `dkg.factsheet`)."""
        return self.assert_drafts(sheet.article, sheet.assertions, principal)

    def assertion_status(self, assertion: str) -> dict[str, Any] | None:
        """Provenance of an assertion: source, versions, retraction (None if unknown)."""
        rows = self.select(
            f"""SELECT ?source ?asserted ?retracted ?reason WHERE {{
                GRAPH <{self.graphs.provenance}> {{
                  <{assertion}> a dkg:Assertion ; prov:wasDerivedFrom ?source ; dkg:assertedAtVersion ?asserted .
                  OPTIONAL {{ <{assertion}> dkg:retractedAtVersion ?retracted ;
                                            dkg:retractionReason ?reason }} }} }}"""
        )
        return {k: v.toPython() for k, v in rows[0].items()} if rows else None

    def retract(self, assertion: str, reason: str, principal: str) -> Event:
        """Retract an assertion: its facts leave the graph, its provenance records when and why."""
        if not reason.strip():
            raise KGError("a retraction needs a reason")
        if not assertion.startswith(("http://", "https://", "urn:")):
            assertion = f"{self.base}assertion/{assertion.removeprefix('assertion/')}"

        def build(seq: int, now: datetime, overlay: _Overlay):
            status = self.assertion_status(assertion)
            if status is None:
                raise NotFound(f"no assertion {assertion}")
            if status.get("retracted") is not None:
                raise Conflict(f"assertion {assertion} was already retracted at version {status['retracted']}")
            live = list(self.projection.store.quads_for_pattern(None, None, None, ox.NamedNode(assertion)))
            g = retraction_graph(assertion, reason=reason, version=seq, at=now, base=self.base,
                                 principal=principal)
            patch = overlay.effective(live, graph_quads(g, self.graphs.provenance))
            payload = {"assertion": assertion, "reason": reason}
            return [NewEvent(FACTS_RETRACTED, principal, payload, patch)], g, {assertion}

        return self._commit(build, what="the retraction")[0]

    def merge(self, duplicates: Sequence[str], into: str, reason: str, principal: str) -> Event:
        """Merge duplicate entity IRIs into one: every live triple is rewritten, owl:sameAs links remain."""
        if into in duplicates:
            raise KGError("an entity cannot be merged into itself")
        for iri in [*duplicates, into]:
            if not iri.startswith(("http://", "https://", "urn:")) or any(c in iri for c in ' <>"{}|\\^`'):
                raise KGError(f"not an absolute IRI: {iri!r}")

        def build(seq: int, now: datetime, overlay: _Overlay):
            target = ox.NamedNode(into)
            remove, add = [], []
            system = ox.NamedNode(SYSTEM_GRAPH)
            for dup in duplicates:
                node = ox.NamedNode(dup)
                found = [q for q in self.projection.store.quads_for_pattern(node, None, None, None)]
                found += [q for q in self.projection.store.quads_for_pattern(None, None, node, None)]
                found = [q for q in found if q.graph_name != system]
                if not found:
                    raise NotFound(f"no entity {dup} in the graph")
                for q in found:
                    remove.append(q)
                    s = target if q.subject == node else q.subject
                    o = target if q.object == node else q.object
                    p = _SKOS_ALT if (q.subject == node and q.predicate == _RDFS_LABEL) else q.predicate
                    add.append(ox.Quad(s, p, o, q.graph_name))
                add.append(ox.Quad(node, _OWL_SAMEAS, target, ox.NamedNode(self.graphs.merges)))
            patch = overlay.effective(remove, add)
            payload = {"duplicates": list(duplicates), "into": into, "reason": reason}
            return [NewEvent(ENTITIES_MERGED, principal, payload, patch)], Graph(), set()

        return self._commit(build, what="the merge")[0]

    def load_reference(self, name: str, graph: Graph, principal: str = "dkg", *, version_label: str = "",
                       validate: bool = False) -> Event | None:
        """Replace a reference data set (gazetteer, codes, ontology) with `graph`; None if unchanged."""
        graph_iri = self.graphs.reference(name)

        def build(seq: int, now: datetime, overlay: _Overlay):
            new = graph_quads(graph, graph_iri, Skolemizer(self.base))
            old = list(self.projection.store.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri)))
            new_set = set(new)
            patch = overlay.effective([q for q in old if q not in new_set], new)
            if not len(patch):
                return [], Graph(), set()
            payload = {"name": name, "graph": graph_iri, "version": version_label, "triples": len(new)}
            focus = {str(s) for s in graph.subjects()} if validate else set()
            return [NewEvent(REFERENCE_DATA_LOADED, principal, payload, patch)], graph, focus

        events = self._commit(build, what=f"reference data {name!r}", validate=validate)
        return events[0] if events else None

    def patch(self, remove: Iterable[ox.Quad], add: Iterable[ox.Quad], principal: str, *,
              operation: str | None = None, validate: bool = True) -> Event | None:
        """A general graph patch (what SPARQL Update and Graph Store writes become); None if no change."""
        skolem = Skolemizer(self.base)
        remove = [normalize_quad(q, skolem) for q in remove]
        add = [normalize_quad(q, skolem) for q in add]

        def build(seq: int, now: datetime, overlay: _Overlay):
            system = ox.NamedNode(SYSTEM_GRAPH)
            if any(q.graph_name == system for q in [*remove, *add]):
                raise KGError(f"the graph {SYSTEM_GRAPH} is managed by dkg and cannot be written")
            patch = overlay.effective(remove, add)
            if not len(patch):
                return [], Graph(), set()
            candidate = self._events_graph(patch.add)
            focus = {str(s) for s in candidate.subjects()} | {
                q.subject.value for q in patch.remove if isinstance(q.subject, ox.NamedNode)
            }
            payload = {"operation": operation} if operation else {}
            return [NewEvent(GRAPH_PATCHED, principal, payload, patch)], candidate, focus

        events = self._commit(build, what="the update", validate=validate)
        return events[0] if events else None

    # ---- whole-graph operations ----------------------------------------------------------------------

    def validate_all(self, as_of: int | str | None = None) -> ValidationReport:
        """Full SHACL validation of the whole graph (slow on large graphs: for `dkg validate`)."""
        store, _ = self.store_at(as_of)
        g = Graph()
        for q in user_quads(store):
            g.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
        return validate_graph(g)

    def rebuild(self, progress: Progress = None) -> int:
        """Drop the projection and replay the whole log."""
        with self._write_lock:
            self.timetravel.invalidate()
            self.projection.clear()
            version = self.projection.apply(self.log.read(), progress, bulk=True)
            self.projection.flush()
            return version

    def replay_digest(self, until: int | None = None, progress: Progress = None) -> tuple[int, str]:
        """Digest of a fresh in-memory replay of the log (up to `until`), to compare with the projection."""
        scratch = Projection(None)
        scratch.apply(self.log.read(until=until), progress, bulk=True)
        return dataset_digest(scratch.store)

    def digest(self, as_of: int | str | None = None) -> tuple[int, str]:
        store, _ = self.store_at(as_of)
        return dataset_digest(store)

    def event_count(self) -> int:
        return self.log.head()

    def data_path(self) -> Path | None:
        return self.projection.path
