"""Review workflow: proposed facts that are not confident enough, or that fail SHACL, wait for a person.

``ingest`` runs the extractor on an article, points its facts at events already in the graph (a second
source adds a source, not a new event), records the confident facts that validate, and sends the others to a
review queue. The queue lives in the event log like everything else: every step is an event with an empty
patch (it changes no triple), so the queue's state at any version is the fold of these events:

* ``ReviewQueued``  — a fact, the article it comes from, why it waits (low confidence, SHACL, compile error);
* ``ReviewEdited``  — a reviewer's corrected version of the fact (the latest edit is what gets accepted);
* ``ReviewDecided`` — ``accepted`` (with the assertion the fact became, appended as ``FactsAsserted`` in the
  same transaction) or ``rejected`` (with the reason).
"""

from __future__ import annotations

import copy
import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dkg.collector import bulk_collection
from dkg.drafts import ArticleRecord, AssertionDraft
from dkg.events import Event, NewEvent
from dkg.extraction import checked_published, extract, match_sheet
from dkg.extraction.event_index import event_index
from dkg.extraction.matching import PendingFacts
from dkg.factsheet import FactSheetError, as_list, compile_sheet
from dkg.kg import BatchValidationFailed, Conflict, KGError, KnowledgeGraph, NotFound, ValidationFailed
from dkg.terms import DKG

REVIEW_QUEUED = "ReviewQueued"
REVIEW_EDITED = "ReviewEdited"
REVIEW_DECIDED = "ReviewDecided"
REVIEW_EVENT_TYPES = (REVIEW_QUEUED, REVIEW_EDITED, REVIEW_DECIDED)
DEFAULT_THRESHOLD = 0.7


class ReviewError(KGError):
    """A review command cannot be carried out (unknown item, item already decided, bad edit)."""

    code = "review_refused"


class UnknownReviewItem(ReviewError, NotFound):
    """No review item has this id (or an id starting with it)."""

    code = "unknown_review_item"


class AmbiguousReviewItem(ReviewError):
    """More than one review item has an id starting with this prefix."""

    code = "ambiguous_review_item"


class AlreadyDecided(ReviewError, Conflict):
    """The review item was already accepted or rejected."""

    code = "already_decided"


class BadEdit(ReviewError):
    """A reviewer's edit cannot be recorded (the edited fact has no id)."""

    code = "bad_edit"


class FactDoesNotCompile(ReviewError):
    """The item's fact (as queued or as edited) does not compile against its article."""

    code = "fact_does_not_compile"


class MissingReason(ReviewError):
    """A rejection was given no reason."""

    code = "missing_reason"


class PendingDependency(ReviewError, Conflict):
    """The item's fact refers to a draft resolution or a vote that is itself waiting in review (accept that
    item first: its fact is what the reference points at)."""

    code = "pending_dependency"


class ArticleDateConflict(ReviewError, Conflict):
    """The article's text is already registered with another publication date (its relative dates, office
    holders and matches would differ: ingest it with the registered date, or correct the text)."""

    code = "article_date_conflict"


@dataclass
class ReviewItem:
    """One queued fact and what happened to it."""

    id: str
    article: str  # article IRI
    fact: dict[str, Any]  # the fact as it stands now (after edits)
    reasons: list[str]
    queued_at: str
    queued_by: str
    status: str = "pending"  # pending | accepted | rejected
    entities: list[dict[str, Any]] = field(default_factory=list)
    article_meta: dict[str, Any] = field(default_factory=dict)  # title, url, published
    edits: int = 0
    decided_by: str | None = None
    decided_at: str | None = None
    decision_reason: str | None = None
    assertions: list[str] = field(default_factory=list)

    @property
    def confidence(self) -> float | None:
        c = self.fact.get("confidence")
        return float(c) if c is not None else None


@dataclass
class IngestReport:
    """What ``ingest`` did with an article."""

    article: str
    asserted: list[str]  # fact ids recorded in the graph
    queued: list[ReviewItem]
    matched: dict[str, str]  # fact id -> existing event IRI it was pointed at
    events: list[Event]
    sheet: dict[str, Any]

    @property
    def recorded(self) -> list[str]:
        """The fact ids this ingest added to the graph (a re-post adds none: its facts are already there)."""
        return [str(e.payload.get("label") or "") for e in self.events if e.type == "FactsAsserted"]

    @property
    def already_recorded(self) -> list[str]:
        """Confident fact ids that were already in the graph from an earlier ingest of the same article."""
        new = set(self.recorded)
        return [f for f in self.asserted if f not in new]


def _sub_sheet(sheet: dict[str, Any], facts: list[dict[str, Any]]) -> dict[str, Any]:
    return {"article": sheet["article"], "entities": sheet.get("entities", []), "facts": facts,
            "extractor": sheet.get("extractor")}  # fmt: skip


def _used_entities(fact: dict[str, Any], entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    values: set[str] = set()
    for val in fact.values():
        for v in val if isinstance(val, list) else [val]:
            if isinstance(v, str):
                values.add(v)
    used = [e for e in entities if e["id"] in values]
    parents = {e.get("part_of") for e in used}
    return used + [e for e in entities if e["id"] in parents and e not in used]


def queued_item(ev: Event) -> ReviewItem:
    """The review item a ``ReviewQueued`` event creates (pending, not yet edited)."""
    p = ev.payload
    return ReviewItem(
        id=p["item"], article=p["article"], fact=p["fact"], reasons=list(p["reasons"]), queued_at=ev.recorded_at,
        queued_by=ev.principal, entities=list(p.get("entities") or []), article_meta=dict(p.get("article_meta") or {}),
    )  # fmt: skip


class ReviewQueue:
    """The review queue of a knowledge graph: read by folding the log, written as log events."""

    def __init__(self, kg: KnowledgeGraph, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.kg = kg
        self.threshold = threshold

    # ---- reading ---------------------------------------------------------------------------------------------

    def _fold(self, until: int | None = None) -> dict[str, ReviewItem]:
        items: dict[str, ReviewItem] = {}
        for ev in self.kg.log.read(until=until, types=REVIEW_EVENT_TYPES):
            p = ev.payload
            if ev.type == REVIEW_QUEUED:
                items[p["item"]] = queued_item(ev)
            elif p["item"] in items:
                item = items[p["item"]]
                if ev.type == REVIEW_EDITED:
                    item.fact = p["fact"]
                    item.edits += 1
                else:
                    item.status = p["decision"]
                    item.decided_by = ev.principal
                    item.decided_at = ev.recorded_at
                    item.decision_reason = p.get("reason")
                    item.assertions = list(p.get("assertions") or [])
        return items

    def items(self, status: str | None = "pending", until: int | None = None) -> list[ReviewItem]:
        """Queued items in queue order (all of them with ``status=None``), as of version `until` (default: now)."""
        return [i for i in self._fold(until).values() if status is None or i.status == status]

    def get(self, item_id: str, until: int | None = None) -> ReviewItem:
        """One item by id (or by a unique prefix of it), as of version `until` (default: now)."""
        items = self._fold(until)
        if item_id in items:
            return items[item_id]
        found = [i for k, i in items.items() if k.startswith(item_id)]
        if not found:
            raise UnknownReviewItem(f"no review item {item_id!r}")
        if len(found) > 1:
            raise AmbiguousReviewItem(f"ambiguous review item {item_id!r}")
        return found[0]

    # ---- writing ---------------------------------------------------------------------------------------------

    def _append(self, events: list[NewEvent]) -> list[Event]:
        """Append review events (empty patches: no triple changes, no validation needed)."""
        return self.kg.record(events)

    def queue_event(self, article: str, article_meta: dict[str, Any], fact: dict[str, Any], reasons: list[str],
                    entities: list[dict[str, Any]], principal: str) -> NewEvent:  # fmt: skip
        """The event that puts a fact in the queue (appended by the caller, possibly with others)."""
        payload = {"item": str(uuid.uuid4()), "article": article, "article_meta": article_meta, "fact": fact,
                   "reasons": reasons, "entities": _used_entities(fact, entities)}  # fmt: skip
        return NewEvent(REVIEW_QUEUED, principal, payload)

    def queue(self, article: ArticleRecord, fact: dict[str, Any], reasons: list[str], principal: str,
              entities: list[dict[str, Any]] | None = None) -> ReviewItem:  # fmt: skip
        """Put one fact of a registered article in the queue."""
        self.kg.register_article(article, principal)
        meta = _article_meta(article)
        ev = self.queue_event(article.iri(self.kg.base), meta, fact, reasons, entities or [], principal)
        self._append([ev])
        return self.get(ev.payload["item"])

    def edit(self, item_id: str, principal: str, *, changes: dict[str, Any] | None = None,
             fact: dict[str, Any] | None = None) -> ReviewItem:  # fmt: skip
        """Record a corrected fact: `changes` are merged into the current fact (a None value removes a key),
        or `fact` replaces it. The edit is checked by compiling it against the article."""
        item = self._pending(item_id)
        new = copy.deepcopy(fact) if fact is not None else copy.deepcopy(item.fact)
        for key, value in (changes or {}).items():
            if value is None:
                new.pop(key, None)
            else:
                new[key] = value
        if new.get("id") != item.fact.get("id") and not new.get("id"):
            raise BadEdit("an edited fact keeps an id")
        self._compile(item, new)  # raises ReviewError if the edit does not compile
        self._append([NewEvent(REVIEW_EDITED, principal, {"item": item.id, "fact": new})])
        return self.get(item.id)

    def accept(self, item_id: str, principal: str, note: str | None = None) -> ReviewItem:
        """Record the (latest) fact in the graph (a FactsAsserted event), then mark the item accepted.

        The fact is validated like every write: ValidationFailed leaves the item pending (edit it, or reject it);
        PendingDependency when what it fails on is a draft or vote still waiting in review.
        """
        item = self._pending(item_id)
        article, draft = self._compile(item, item.fact)
        draft.method = "extraction"
        def decision(assertions: list[str]) -> list[NewEvent]:
            payload = {"item": item.id, "decision": "accepted", "reason": note, "assertions": assertions}
            return [NewEvent(REVIEW_DECIDED, principal, payload)]

        try:
            self.kg.assert_drafts(article, [draft], principal, then=decision)  # facts and decision: one append
        except ValidationFailed as exc:
            waiting = self._pending_dependencies(item)
            refs = {str(DKG.resolution), str(DKG.vote)}
            if not waiting or any(v.severity == "Violation" and v.path not in refs for v in exc.report.violations):
                raise  # the fact itself is refused (the report also names what it refers to)
            names = ", ".join(f"{ref} (item {dep.id[:8]}, {dep.fact.get('type')})" for ref, dep in waiting)
            raise PendingDependency(f"review item {item.id[:8]} refers to {names}, still waiting in review: accept "
                                    f"{'it' if len(waiting) == 1 else 'them'} first") from exc  # fmt: skip
        return self.get(item.id)

    def reject(self, item_id: str, principal: str, reason: str) -> ReviewItem:
        """Mark the item rejected (nothing enters the graph); a reason is required."""
        if not reason.strip():
            raise MissingReason("a rejection needs a reason")
        item = self._pending(item_id)
        self._append([NewEvent(REVIEW_DECIDED, principal, {"item": item.id, "decision": "rejected",
                                                           "reason": reason})])  # fmt: skip
        return self.get(item.id)

    # ---- helpers ---------------------------------------------------------------------------------------------

    def _pending_dependencies(self, item: ReviewItem) -> list[tuple[str, ReviewItem]]:
        """The pending items of the same article whose facts define a draft or vote this item's fact refers to."""
        refs = [v for key in ("resolution", "vote") for v in as_list(item.fact.get(key)) if isinstance(v, str)]
        pending = [p for p in self.items("pending") if p.article == item.article and p.id != item.id]
        # "resolution/france-draft-2016-10" or a sheet-local "vote-france-draft-..." name the fact of that id
        return [(ref, dep) for ref in refs for dep in pending if dep.fact.get("id") == ref.split("/", 1)[-1]]

    def _pending(self, item_id: str) -> ReviewItem:
        item = self.get(item_id)
        if item.status != "pending":
            raise AlreadyDecided(f"review item {item.id} is already {item.status}")
        return item

    def _article_text(self, article: str) -> str:
        rows = self.kg.select(
            f"SELECT ?text WHERE {{ GRAPH <{self.kg.graphs.articles}> {{ <{article}> dkg:text ?text }} }}"
        )
        if not rows:
            raise ReviewError(f"the article {article} is not registered")
        return str(rows[0]["text"])

    def _compile(self, item: ReviewItem, fact: dict[str, Any]) -> tuple[ArticleRecord, AssertionDraft]:
        text = self._article_text(item.article)
        sheet = {"article": {**item.article_meta, "text": text}, "entities": item.entities, "facts": [fact]}
        try:
            compiled = compile_sheet(sheet, base=self.kg.base)
        except FactSheetError as exc:
            raise FactDoesNotCompile(f"the fact does not compile: {exc}") from exc
        return compiled.article, compiled.assertions[0]


def _article_meta(article: ArticleRecord) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    if article.title:
        meta["title"] = article.title
    if article.url:
        meta["url"] = article.url
    if article.published:
        meta["published"] = article.published.isoformat()
    return meta


def _violating_drafts(exc: ValidationFailed, drafts: list[AssertionDraft]) -> dict[int, list[str]]:
    """Which drafts a SHACL report concerns (by their focus nodes), with the messages."""
    out: dict[int, list[str]] = {}
    for v in exc.report.violations:
        for i, d in enumerate(drafts):
            if v.focus in d.subjects or (v.value and v.value in d.subjects and v.focus in d.subjects):
                out.setdefault(i, []).append(f"SHACL: {v.message}")
    return out


@dataclass
class _Prepared:
    """An article's facts, extracted, matched and compiled, split into those to record and those to queue."""

    sheet: dict[str, Any]
    matched: dict[str, str]
    article: ArticleRecord
    confident: list[tuple[dict[str, Any], AssertionDraft]]
    waiting: list[tuple[dict[str, Any], list[str]]]


def _compile_facts(sheet: dict[str, Any], base: str) -> tuple[ArticleRecord | None, list[AssertionDraft | str]]:
    """Compile every fact of a sheet: a draft per fact, or the compile error of a fact that does not compile.

    The whole sheet is compiled at once; only when that fails is each fact compiled alone to find the bad ones.
    """
    facts = sheet["facts"]
    if not facts:
        return None, []
    try:
        compiled = compile_sheet(sheet, base=base)
        return compiled.article, list(compiled.assertions[: len(facts)])
    except FactSheetError:
        pass
    article: ArticleRecord | None = None
    out: list[AssertionDraft | str] = []
    for fact in facts:
        try:
            one = compile_sheet(_sub_sheet(sheet, [fact]), base=base)
        except FactSheetError as exc:
            out.append(str(exc))
            continue
        article = article or one.article
        out.append(one.assertions[0])
    return article, out


def _split(sheet: dict[str, Any], matched: dict[str, str], base: str, threshold: float) -> _Prepared:
    """Compile a (matched) sheet and split its facts into those to record and those to queue."""
    article, drafts = _compile_facts(sheet, base)
    confident: list[tuple[dict[str, Any], AssertionDraft]] = []
    waiting: list[tuple[dict[str, Any], list[str]]] = []
    for fact, draft in zip(sheet["facts"], drafts, strict=True):
        conf = fact.get("confidence")
        if isinstance(draft, str):
            waiting.append((fact, [f"does not compile: {draft}"]))
        elif conf is not None and conf < threshold:
            waiting.append((fact, [f"confidence {conf} below {threshold}"]))
        else:
            confident.append((fact, draft))
    meta = sheet["article"]
    article = article or ArticleRecord(meta["text"], meta.get("title"), meta.get("url"), _as_date(meta["published"]))
    return _Prepared(sheet, matched, article, confident, waiting)


def _fact_key(article: str, fact: dict[str, Any]) -> str:
    """What identifies a proposed fact of an article in the queue: the article and the fact as extracted."""
    return article + "\n" + json.dumps(fact, sort_keys=True, default=str)


def _registered_published(kg: KnowledgeGraph, iri: str) -> tuple[bool, str | None]:
    """Whether the article is registered, and the publication date it was registered with."""
    rows = kg.select(
        f"SELECT ?sha ?issued WHERE {{ GRAPH <{kg.graphs.articles}> {{ <{iri}> dkg:sha256 ?sha "
        f"OPTIONAL {{ <{iri}> dcterms:issued ?issued }} }} }}"
    )
    if not rows:
        return False, None
    issued = rows[0].get("issued")
    return True, str(issued) if issued is not None else None


def _queued_keys(kg: KnowledgeGraph, iri: str) -> set[str]:
    """The facts of an article that were ever queued (pending or decided), as ``_fact_key`` keys."""
    return {_fact_key(iri, ev.payload["fact"]) for ev in kg.log.read(types=(REVIEW_QUEUED,))
            if ev.payload.get("article") == iri}  # fmt: skip


def _check_repost(kg: KnowledgeGraph, text: str, published: date | str, seen: set[str],
                  dates: dict[str, str] | None = None) -> None:  # fmt: skip
    """Refuse a publication date out of the extractor's range, and a re-post under another date (than the
    registered one, or than in `dates`, the dates of articles ingested together); add the facts an already
    registered article queued to `seen`."""
    iri = ArticleRecord(text).iri(kg.base)
    when = checked_published(published).isoformat()
    earlier = dates.setdefault(iri, when) if dates is not None else when
    if earlier != when:
        raise ArticleDateConflict(f"the same article is given twice, as published {earlier} and {when} ({iri})")
    registered, issued = _registered_published(kg, iri)
    if not registered:
        return
    if issued is not None and issued != when:
        raise ArticleDateConflict(f"this article is already registered as published {issued}, not {when} "
                                  f"({iri})")  # fmt: skip
    seen |= _queued_keys(kg, iri)


def _drop_queued(prep: _Prepared, base: str, seen: set[str]) -> None:
    """Leave out of `prep.waiting` the facts already queued for its article (a re-post queues nothing twice)."""
    iri = prep.article.iri(base)
    waiting = []
    for fact, reasons in prep.waiting:
        key = _fact_key(iri, fact)
        if key not in seen:
            seen.add(key)
            waiting.append((fact, reasons))
    prep.waiting = waiting


def _prepare(kg: KnowledgeGraph, text: str, published: date | str, title: str | None, url: str | None,
             threshold: float, match: bool) -> _Prepared:  # fmt: skip
    seen: set[str] = set()
    _check_repost(kg, text, published, seen)
    sheet = extract(text, published=published, title=title, url=url)
    matched = match_sheet(sheet, kg, index=event_index(kg)) if match else {}
    prep = _split(sheet, matched, kg.base, threshold)
    _drop_queued(prep, kg.base, seen)
    return prep


def _queue_events(kg: KnowledgeGraph, prep: _Prepared, waiting: list[tuple[dict[str, Any], list[str]]],
                  principal: str) -> list[NewEvent]:  # fmt: skip
    queue = ReviewQueue(kg)
    iri, meta, entities = prep.article.iri(kg.base), _article_meta(prep.article), prep.sheet.get("entities", [])
    return [queue.queue_event(iri, meta, f, reasons, entities, principal) for f, reasons in waiting]


def _commit_one(kg: KnowledgeGraph, prep: _Prepared, principal: str) -> IngestReport:
    """Record one prepared article: its valid confident facts and its queued items in one append (facts SHACL
    refuses are taken out and queued with their messages)."""
    article = prep.article
    confident, waiting = prep.confident, list(prep.waiting)
    events: list[Event] = []
    while confident:
        try:
            events = kg.assert_drafts(article, [d for _f, d in confident], principal,
                                      then=lambda _a, w=waiting: _queue_events(kg, prep, w, principal))  # fmt: skip
            break
        except ValidationFailed as exc:
            bad = _violating_drafts(exc, [d for _f, d in confident])
            if not bad:  # not attributable to one fact: every fact waits with the report
                waiting += [(f, [f"SHACL: {v.message}" for v in exc.report.violations]) for f, _d in confident]
                confident = []
                break
            waiting += [(confident[i][0], msgs) for i, msgs in sorted(bad.items())]
            confident = [c for i, c in enumerate(confident) if i not in bad]
    if not confident:
        kg.register_article(article, principal)
        events = kg.record(_queue_events(kg, prep, waiting, principal)) if waiting else []
    asserted = [f["id"] for f, _d in confident]
    queued = [queued_item(e) for e in events if e.type == REVIEW_QUEUED]
    return IngestReport(article.iri(kg.base), asserted, queued, prep.matched, events, prep.sheet)


def ingest(
    kg: KnowledgeGraph,
    text: str,
    *,
    published: date | str,
    principal: str,
    title: str | None = None,
    url: str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    match: bool = True,
) -> IngestReport:
    """Extract an article's facts and record them: confident valid facts as assertions, the rest in the queue.

    The article is registered in any case. Facts are matched to existing events first (``match=False`` keeps the
    extractor's own ids). The article, its facts and its queued items are one atomic append (two when no fact is
    confident enough to record). Returns what was asserted and what was queued.
    """
    with bulk_collection():
        return _commit_one(kg, _prepare(kg, text, published, title, url, threshold, match), principal)


@dataclass(frozen=True)
class ArticleInput:
    """An article to ingest: its text and metadata."""

    text: str
    published: date | str
    title: str | None = None
    url: str | None = None


@dataclass
class BatchIngestReport:
    """What ``ingest_many`` did: one report per article (in input order), the articles SHACL refused in their
    batch (index -> messages; their facts were then recorded or queued alone, as ``ingest`` does), the commits."""

    reports: list[IngestReport]
    refused: dict[int, list[str]]
    batches: int


class _Batcher:
    """Commits prepared articles in batches (one validation, log append and projection step each)."""

    def __init__(self, kg: KnowledgeGraph, principal: str, progress: Callable[[int], None] | None) -> None:
        self.kg, self.principal, self.progress = kg, principal, progress
        self.pending: list[tuple[int, _Prepared]] = []
        self.reports: dict[int, IngestReport] = {}
        self.refused: dict[int, list[str]] = {}
        self.batches = 0

    def flush(self) -> None:
        """Commit the pending articles: those with facts to record in one ``assert_batch``; an article SHACL refuses
        is left out of it and recorded alone after the others, as ``ingest`` records it (its faulty facts queued);
        the others are validated again without it. (A later article of the batch keeps the ids it matched to the
        refused one's facts: those events then stand on the later article's own claims.)"""
        pending, self.pending = self.pending, []
        batch = [(i, p) for i, p in pending if p.confident]
        kg = self.kg
        while batch:
            try:
                result = kg.assert_batch([(p.article, [d for _f, d in p.confident]) for _i, p in batch],
                                         self.principal)  # fmt: skip
            except BatchValidationFailed as exc:
                out = set(exc.refused) if exc.refused else set(range(len(batch)))
                for j in sorted(out):
                    i, prep = batch[j]
                    if j in exc.refused:
                        self.refused[i] = sorted({f"SHACL: {v.message}" for v in exc.refused[j]})
                    self.reports[i] = _commit_one(kg, prep, self.principal)
                batch = [b for j, b in enumerate(batch) if j not in out]
                continue
            self.batches += 1
            self._report(batch, result.events)
            break
        for i, prep in pending:
            if not prep.confident:
                self.reports[i] = _commit_one(kg, prep, self.principal)
        if self.progress:
            self.progress(len(pending))

    def _report(self, batch: list[tuple[int, _Prepared]], written: list[Event]) -> None:
        """Append the batch's queued items (one append) and write each article's report."""
        kg = self.kg
        waiting = {i: _queue_events(kg, p, p.waiting, self.principal) for i, p in batch}
        owner = {ev.payload["item"]: i for i, evs in waiting.items() for ev in evs}
        queued_events = kg.record([e for evs in waiting.values() for e in evs]) if owner else []
        by_article: dict[str, list[Event]] = {}
        for ev in written:
            key = ev.payload.get("source") if ev.type == "FactsAsserted" else ev.payload.get("article")
            by_article.setdefault(str(key), []).append(ev)
        for i, prep in batch:
            iri = prep.article.iri(kg.base)
            queued = [e for e in queued_events if owner[e.payload["item"]] == i]
            mine = by_article.pop(iri, []) + queued  # an article given twice: its writes go to the first report
            asserted = [f["id"] for f, _d in prep.confident]
            self.reports[i] = IngestReport(iri, asserted, [queued_item(e) for e in queued], prep.matched, mine,
                                           prep.sheet)  # fmt: skip


def ingest_many(
    kg: KnowledgeGraph,
    articles: Sequence[ArticleInput],
    *,
    principal: str,
    threshold: float = DEFAULT_THRESHOLD,
    match: bool = True,
    batch_size: int = 20,
    progress: Callable[[int], None] | None = None,
) -> BatchIngestReport:
    """Ingest many articles, committing up to `batch_size` of them at a time with ``KnowledgeGraph.assert_batch``.

    The facts recorded and queued are those of ``ingest`` called article by article in order: each article is
    matched against the graph plus the facts of the earlier articles of its batch
    (:class:`~dkg.extraction.matching.PendingFacts`), so a second report of an event in the same batch adds a
    source to it (``assert_batch`` validates each source as it would be validated alone). A batch's queued
    items are one more append; facts an article already queued are not queued again, and an article already
    registered under another publication date is refused (``ArticleDateConflict``) before anything is written.
    An article SHACL refuses does not sink its batch: the others are committed, and it is recorded alone with
    its faulty facts queued (``refused`` names it). `progress(n)` is called as articles are committed.
    """
    batcher = _Batcher(kg, principal, progress)
    size = max(1, batch_size)
    pending = PendingFacts()
    seen: set[str] = set()
    dates: dict[str, str] = {}
    for art in articles:  # before any write: a refused re-post leaves the log as it was
        _check_repost(kg, art.text, art.published, seen, dates)
    with bulk_collection():
        for pos, art in enumerate(articles):
            sheet = extract(art.text, published=art.published, title=art.title, url=art.url)
            matched = match_sheet(sheet, kg, pending=pending, index=event_index(kg)) if match else {}
            prep = _split(sheet, matched, kg.base, threshold)
            _drop_queued(prep, kg.base, seen)
            batcher.pending.append((pos, prep))
            for _f, draft in prep.confident:
                pending.add(draft.facts)
            if len(batcher.pending) >= size:
                batcher.flush()
                pending = PendingFacts()
        batcher.flush()
    return BatchIngestReport([batcher.reports[i] for i in sorted(batcher.reports)], batcher.refused,
                             batcher.batches)  # fmt: skip


def _as_date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))
