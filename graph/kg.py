"""The knowledge graph application: commands go through SHACL, the log and the projection, in that order.

command -> candidate RDF -> SHACL on the candidate's focus nodes (plus the neighbourhood the shapes read)
-> refuse with the report and append nothing, or append the events (optimistic concurrency on the log's
version) -> apply their effective patches to the projection. Queries read the projection, at the head or
as of any past version.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from dkg.assertions import article_quads, claim_digest, new_assertion_iri, provenance_quads, retraction_quads
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
from dkg.normalize import Skolemizer, from_ox, graph_quads, normalize_quad, to_ox
from dkg.projection import Projection, dataset_digest, user_quads
from dkg.terms import DKG, PREFIXES, SYSTEM_GRAPH, Graphs
from dkg.timetravel import TimeTravel
from dkg.validation import (
    ValidationData,
    ValidationPart,
    ValidationReport,
    Violation,
    describe,
    join_parts,
    merge_reports,
    neighbourhood,
    validate_graph,
    validation_groups,
)
from rdflib import Graph

_log = logging.getLogger(__name__)
Progress = Callable[[int], None] | None
Validator = Callable[[ValidationData, list[str]], ValidationReport]
Build = Callable[[int, datetime, "_Overlay"], tuple[list[NewEvent], list[ox.Quad], set[str]]]
Split = Callable[[], list[ValidationPart]]  # the parts of a write validated one by one
_RETRIES = 5
_OWL_SAMEAS = ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs")
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_SKOS_ALT = ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
_DERIVED_FROM = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")


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


def projection_for(settings: Settings) -> Projection:
    """The projection `settings` name: a remote SPARQL store (`store_url`), else the local Oxigraph store on disk
    (`projection="disk"`) or in memory (`projection="memory"`: nothing but the log is written; every open replays
    the log, and ingest skips RocksDB's write and compaction cost, docs/decisions.md)."""
    if settings.store_url:
        from dkg.remote_store import RemoteProjection  # noqa: PLC0415

        return RemoteProjection(settings.store_url)
    if settings.projection == "memory":
        return Projection(None)
    if settings.projection == "disk":
        return Projection(settings.projection_dir, snapshot_every=settings.snapshot_every,
                          snapshot_keep=settings.snapshot_keep)
    raise KGError(f"unknown projection {settings.projection!r}: use 'disk' or 'memory'")


class BatchValidationFailed(ValidationFailed):
    """SHACL refused a batch of articles; nothing was written. `refused` names the articles at fault."""

    def __init__(self, report: ValidationReport, refused: dict[int, list[Violation]], articles: list[str]) -> None:
        self.refused = refused
        where = "; ".join(f"article #{i} <{articles[i]}>: {len(v)} problem(s)" for i, v in sorted(refused.items()))
        super().__init__(report, f"the batch ({where or 'no single article at fault'})")


@dataclass
class BatchResult:
    """What `assert_batch` wrote: the events, and (isolated batches only) the articles refused by SHACL."""

    events: list[Event]
    refused: dict[int, ValidationFailed]


@dataclass
class _Overlay:
    """What the store will hold after earlier events of the same command, to keep patches effective."""

    store: ox.Store
    added: set[ox.Quad]
    removed: set[ox.Quad]
    minted: set[str] = field(default_factory=set)  # assertion IRIs minted by this command (nothing refers to them)

    def present(self, q: ox.Quad) -> bool:
        if q in self.added:
            return True
        if q in self.removed:
            return False
        return q in self.store

    def effective(self, remove: Iterable[ox.Quad], add: Iterable[ox.Quad], fresh: Iterable[ox.Quad] = ()) -> Patch:
        """The effective patch: removes that are present, adds that are absent (`fresh` adds name minted IRIs:
        neither the store nor earlier events hold them, so they are not looked up)."""
        add_set = dict.fromkeys(add)
        rem = [q for q in dict.fromkeys(remove) if q not in add_set and self.present(q)]
        for q in rem:
            self.removed.add(q)
            self.added.discard(q)
        new = [q for q in add_set if not self.present(q)]
        for q in new:
            self.added.add(q)
            self.removed.discard(q)
        minted = [q for q in dict.fromkeys(fresh) if q not in add_set]
        self.added.update(minted)
        return Patch(remove=tuple(rem), add=(*minted, *new))


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
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)  # the time recorded in provenance
        self._listeners: list[Callable[[Sequence[Event]], None]] = []

    def subscribe(self, listener: Callable[[Sequence[Event]], None]) -> Callable[[], None]:
        """Call `listener(events)` with the events applied to the projection from now on (this process's writes and
        the tails it catches up on), after they are in the store; returns a function that unsubscribes it.

        Caches derived from the graph (e.g. matching's event index) stay current this way. A rebuild replays the
        whole log and tells listeners `[]`, meaning: forget everything."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _notify(self, events: Sequence[Event]) -> None:
        """Tell the listeners; the events are already written, so a failing listener is logged, not raised."""
        for listener in list(self._listeners):
            try:
                listener(events)
            except Exception:
                _log.exception("a listener of applied events failed (the events are written)")

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
        validator = write_validator(settings.validator)
        projection = projection_for(settings)
        log = open_log(settings.resolved_log_url)
        stored_base = log.get_meta("base_iri")
        if stored_base and stored_base != settings.base:
            settings.base = stored_base
        kg = cls(log, projection, base=settings.base, validator=validator)
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
            tail = self.log.read(after=self.projection.version())
            if not self._listeners:
                return self.projection.apply(tail, progress)
            seen: list[Event] = []
            version = self.projection.apply((seen.append(e) or e for e in tail), progress)
            if seen:
                self._notify(seen)
            return version

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

    def _commit(self, build: Build, *, what: str, validate: bool = True,
                check: Callable[[list[NewEvent], ValidationReport], None] | None = None,
                split: Split | None = None) -> list[Event]:
        """Build events against the current head, validate, append with expected_version, project.

        `build(next_seq, now, overlay)` returns the events, the candidate quads to validate and the focus
        nodes. A concurrent append by another process makes the append fail; the command is then rebuilt
        against the new head (a few times) — never appended on top of a state it did not see. `check` may
        replace the refusal (ValidationFailed) by its own exception. `split` divides the candidate into parts
        validated one by one (see `assert_batch`).
        """
        for _attempt in range(_RETRIES):
            with self._write_lock:
                self.catch_up()
                head = self.log.head()
                if self.projection.version() != head:
                    raise LogError("the projection could not catch up with the log")
                overlay = _Overlay(self.projection.store, set(), set())
                try:
                    events = self._prepare(build, head, overlay, validate, what, check, split)
                finally:
                    overlay.store = None  # an exception's traceback must not keep the store open
                if not events:
                    return []
                try:
                    appended = self.log.append(events, expected_version=head)
                except ConcurrencyError:
                    continue
                self.projection.apply(appended)
                self._notify(appended)
                return appended
        raise KGError(f"{what} kept conflicting with concurrent writers; try again")

    def _prepare(self, build: Build, head: int, overlay: _Overlay, validate: bool, what: str,
                 check: Callable[[list[NewEvent], ValidationReport], None] | None = None,
                 split: Split | None = None) -> list[NewEvent]:
        """Build a command's events against version `head` and validate its candidate (ValidationFailed)."""
        events, candidate, focus = build(head + 1, self.clock(), overlay)
        if events and validate and focus and self.validator is not None:
            parts = split() if split is not None else [ValidationPart(candidate, focus)]
            for part in parts:
                part.report = self.validator(self._validation_data(part.quads, overlay, part.context),
                                             sorted(part.focus))  # fmt: skip
            report = merge_reports([part.report for part in parts])
            if not report.conforms:
                if check is not None:
                    check(events, report)
                raise ValidationFailed(report, what)
        return events

    def _validation_data(self, candidate: Iterable[ox.Quad], overlay: _Overlay,
                         context: Iterable[ox.Quad] = ()) -> set[ox.Triple]:
        """The candidate's triples plus the store triples around them that the shapes read (and `context`: other
        uncommitted quads of the same write that the candidate may refer to)."""
        data = {q.triple for q in candidate}
        subjects = {t.subject.value for t in data}
        nodes = subjects | {t.object.value for t in data if isinstance(t.object, ox.NamedNode)}
        if overlay.minted:  # fresh assertion IRIs and the evidence minted below them: the store has nothing on them
            nodes = {n for n in nodes if n not in overlay.minted and n.split("/evidence/", 1)[0] not in overlay.minted}
        typed: dict[str, set[str]] = {}
        for t in data:
            if t.predicate == _RDF_TYPE and isinstance(t.object, ox.NamedNode):
                typed.setdefault(t.subject.value, set()).add(t.object.value)
        # the subjects this write describes (it types them) are read without other sources' claims; a node it
        # only adds to ("China abstained" adds an abstainer to a vote another fact recorded) keeps them all
        own = {s for s in subjects if s in typed}
        classes = set().union(*typed.values()) if typed else set()
        claims = f"{self.base}assertion/"
        data |= neighbourhood(self.projection.store, nodes, overlay.removed, claims_prefix=claims,
                              own=own, classes=classes, own_types=typed,
                              graphs=self.projection.graphs_outside(claims))
        data.update(q.triple for q in context)
        return data

    def register_article(self, article: ArticleRecord, principal: str) -> Event | None:
        """Record an article (metadata, full text, content hash); None if it is already registered."""
        events = self._commit(lambda seq, now, ov: self._article_event(article, principal, ov),
                              what="the article")
        return events[0] if events else None

    def _article_event(self, article: ArticleRecord, principal: str, overlay: _Overlay
                       ) -> tuple[list[NewEvent], list[ox.Quad], set[str]]:
        iri = article.iri(self.base)
        marker = ox.Quad(ox.NamedNode(iri), ox.NamedNode(str(DKG.sha256)), ox.Literal(article.sha256),
                         ox.NamedNode(self.graphs.articles))
        if overlay.present(marker):
            return [], [], set()
        quads = article_quads(article, self.base, self.graphs.articles)
        patch = overlay.effective((), quads)
        payload = {
            "article": iri,
            "sha256": article.sha256,
            "title": article.title,
            "url": article.url,
            "published": article.published.isoformat() if article.published else None,
            "text": article.text,
        }
        return [NewEvent(ARTICLE_REGISTERED, principal, payload, patch)], quads, {iri}

    def record(self, events: Sequence[NewEvent]) -> list[Event]:
        """Append events that change no triples (review steps, notes): no validation, same log and order."""
        if any(len(e.patch) for e in events):
            raise KGError("record() only appends events with empty patches; use the write commands for changes")
        return self._commit(lambda seq, now, overlay: (list(events), [], set()), what="the events",
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
            events: list[NewEvent] = []
            candidate: list[ox.Quad] = []
            focus: set[str] = set()
            minted = self._article_events(article, drafts, principal, seq, now, overlay, events, candidate, focus)
            if then is not None:
                extra = then(minted)
                if any(len(e.patch) for e in extra):
                    raise KGError("events added to an assertion must not change triples")
                events.extend(extra)
            return events, candidate, focus

        return self._commit(build, what="the assertions")

    def assert_batch(self, batch: Sequence[tuple[ArticleRecord, Sequence[AssertionDraft]]], principal: str, *,
                     isolate: bool = False) -> BatchResult:
        """Assert many articles' drafts in one log append and one projection step (bulk loads).

        The events are those `assert_drafts` would append article by article, and each article is validated as
        `assert_drafts` validates it: against the graph without other sources' claims about the subjects it
        claims facts about (cardinalities hold per source), so two sources of one event may share a batch.
        Articles whose claimed subjects are disjoint are validated together (`validation_groups`).
        All or nothing: if SHACL refuses any draft, nothing is written and `BatchValidationFailed.refused` maps
        each faulty article's index to its violations. With `isolate=True` a refused batch is instead written
        article by article (each all or nothing), and `BatchResult.refused` holds the articles SHACL refused.
        """
        for i, (_article, drafts) in enumerate(batch):
            if not drafts:
                raise KGError(f"nothing to assert: article #{i} of the batch has no facts")
        owners: dict[str, int] = {}  # focus node -> index of the first article that brought it
        parts: list[ValidationPart] = []  # per assertion: its candidate quads and focus nodes
        part_article: list[int] = []  # the article of each part
        groups: list[ValidationPart] = []  # the parts as validated

        def split() -> list[ValidationPart]:
            groups[:] = validation_groups(parts, f"{self.base}assertion/")
            return groups

        def build(seq: int, now: datetime, overlay: _Overlay):
            events: list[NewEvent] = []
            candidate: list[ox.Quad] = []
            focus: set[str] = set()
            recorded: set[str] = set()
            owners.clear()
            parts.clear()
            part_article.clear()
            for i, (article, drafts) in enumerate(batch):
                mine: set[str] = set()
                own_parts: list[ValidationPart] = []
                self._article_events(article, drafts, principal, seq, now, overlay, events, candidate, mine,
                                     recorded, own_parts)
                for node in mine:
                    owners.setdefault(node, i)
                focus |= mine
                own_parts = join_parts(own_parts)
                parts.extend(own_parts)
                part_article.extend([i] * len(own_parts))
            return events, candidate, focus

        def refuse(_events: list[NewEvent], report: ValidationReport) -> None:
            refused: dict[int, list[Violation]] = {}
            for group in groups:
                for v in group.report.violations if group.report else ():
                    # the article of the group that brought the focus node (two sources of one event are in
                    # different groups), else the first article that brought it
                    owner = next((part_article[m] for m in group.members if v.focus in parts[m].focus),
                                 owners.get(v.focus))
                    if v.severity == "Violation" and owner is not None:
                        refused.setdefault(owner, []).append(v)
            raise BatchValidationFailed(report, refused, [a.iri(self.base) for a, _ in batch])

        try:
            return BatchResult(self._commit(build, what="the batch", check=refuse, split=split), {})
        except BatchValidationFailed:
            if not isolate:
                raise
        events: list[Event] = []
        refused: dict[int, ValidationFailed] = {}
        for i, (article, drafts) in enumerate(batch):
            try:
                events += self.assert_drafts(article, drafts, principal)
            except ValidationFailed as exc:
                refused[i] = exc
        return BatchResult(events, refused)

    def _article_events(self, article: ArticleRecord, drafts: Sequence[AssertionDraft], principal: str, seq: int,
                        now: datetime, overlay: _Overlay, events: list[NewEvent], candidate: list[ox.Quad],
                        focus: set[str], recorded: set[str] | None = None,
                        parts: list[ValidationPart] | None = None) -> list[str]:
        """Append to `events`, `candidate` and `focus` what asserting `drafts` from `article` writes.

        `recorded` collects claim digests across the articles of one batch (a claim an earlier article of the
        batch records counts as live); `parts` collects a validation part per assertion and one for the
        article's registration (see `assert_batch`). Returns the minted assertion IRIs.
        """
        article_events, article_candidate, article_focus = self._article_event(article, principal, overlay)
        events += article_events
        candidate += article_candidate
        if article_events:  # else already registered: its text is in the store, the neighbourhood brings it
            focus |= article_focus
            if parts is not None:
                parts.append(ValidationPart(list(article_candidate), set(article_focus)))
        article_iri = article.iri(self.base)
        minted: list[str] = []
        new_digests: list[str] = []
        known_source = self._has_assertions(article_iri)
        for draft in drafts:
            skolem = Skolemizer(self.base)
            triples = [(to_ox(s, skolem), to_ox(p), to_ox(o, skolem)) for s, p, o in draft.facts]
            digest = claim_digest(article.sha256, [f"{s} {p} {o}" for s, p, o in triples], draft)
            if (recorded is not None and digest in recorded) or (known_source and self._live_claim(digest)):
                continue  # the same claim from the same source is already recorded
            new_digests.append(digest)
            assertion = new_assertion_iri(self.base)
            overlay.minted.add(assertion)
            graph = ox.NamedNode(assertion)
            facts = [ox.Quad(s, p, o, graph) for s, p, o in triples]
            prov = provenance_quads(assertion, draft, article_iri=article_iri, base=self.base, principal=principal,
                                    version=seq + len(events), at=now, graph=self.graphs.provenance, digest=digest)
            fresh, shared = list(facts), []  # about the minted assertion and its evidence, or not (the agent)
            for q in prov:
                (fresh if q.subject.value.startswith(assertion) else shared).append(q)
            patch = overlay.effective((), shared, fresh=fresh)
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
            candidate += facts
            candidate += prov
            minted.append(assertion)
            mine = {q.subject.value for q in prov}
            mine.update(s.value for s, _p, _o in triples)
            focus |= mine
            if parts is not None:
                parts.append(ValidationPart(facts + prov, mine, described=describe(triples)))
        if recorded is not None:
            recorded.update(new_digests)
        return minted

    def _has_assertions(self, article_iri: str) -> bool:
        """Whether any assertion is derived from the article: if none, none of its claims can be recorded yet
        (a claim digest includes the article's hash), so the per-claim lookups are skipped."""
        quads = self.projection.store.quads_for_pattern(None, _DERIVED_FROM, ox.NamedNode(article_iri), None)
        return next(iter(quads), None) is not None

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
            quads = retraction_quads(assertion, reason=reason, version=seq, at=now, base=self.base,
                                     principal=principal, graph=self.graphs.provenance)
            patch = overlay.effective(live, quads)
            payload = {"assertion": assertion, "reason": reason}
            return [NewEvent(FACTS_RETRACTED, principal, payload, patch)], quads, {assertion}

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
            return [NewEvent(ENTITIES_MERGED, principal, payload, patch)], [], set()

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
                return [], [], set()
            payload = {"name": name, "graph": graph_iri, "version": version_label, "triples": len(new)}
            focus = {q.subject.value for q in new} if validate else set()
            return [NewEvent(REFERENCE_DATA_LOADED, principal, payload, patch)], new, focus

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
                return [], [], set()
            candidate = list(patch.add)
            focus = {q.subject.value for q in candidate} | {
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
            self._notify([])
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
