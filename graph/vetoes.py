"""Bulk import of the UN Security Council veto record 1946-2022 as sourced events (`dkg import unsc-vetoes`).

Data: "List of UN Security Council Vetoes (1946-2022)", Carlos L. Yordan / The World Politics Data Lab, MIT
licence, scraped from the UN Dag Hammarskjöld Library (shipped as `dkg.reference/unsc_vetoes_1946_sept2022.csv`
with its README and LICENSE).

The CSV is registered as the source (a dkg:Article whose text is the file), and every record becomes one
assertion through the normal write path (SHACL, log, projection): its evidence is the record's own line in
the file. A record is one vetoed draft; it yields

- the draft `{base}resolution/{symbol slug}` (dkg:DraftResolution, dkg:symbol, dkg:forum the Security
  Council, dkg:outcome dkg:Vetoed, the agenda item as dcterms:description, rdfs:seeAlso its UN document);
- one dkg:Veto per vetoing member `{base}event/veto-{symbol slug}-{member}`: dkg:agent the member (the
  gazetteer's IRI; the USSR is `actor/soviet-union`), dkg:forum, dkg:resolution, dkg:date, dkg:topic (the
  data set's crisis topic as a SKOS concept; for "Syria" also dkg:SyrianCivilWar, its exact match), dkg:ordinal
  (the member's n-th veto on that topic in the record), the codes of dkg:Veto, rdfs:seeAlso the meeting record.

So the seed's draft S/2016/846 (same IRI) links to the historical record, and "the fifth Russian veto on
Syria" is a query. Who vetoed: the union of the `member_veto1..3` columns and the member dummy columns (26
records fill only one of the two; both are the data set's own statements).
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from importlib.resources import files
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
from dkg.drafts import ArticleRecord, AssertionDraft, Evidence
from dkg.terms import DKG
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

CSV_NAME = "unsc_vetoes_1946_sept2022.csv"
TITLE = "List of UN Security Council Vetoes (1946-2022), The World Politics Data Lab (MIT licence)"
SOURCE_URL = "https://research.un.org/en/docs/sc/quick/veto"
PUBLISHED = date(2022, 9, 15)  # the data run to 15 September 2022
EXTRACTOR = "dkg import unsc-vetoes 1.0"

# data set column -> (gazetteer actor slug, label)
MEMBERS: dict[str, tuple[str, str]] = {
    "China": ("china", "China"),
    "France": ("france", "France"),
    "Russia": ("russia", "Russia"),
    "USSR": ("soviet-union", "the Soviet Union"),
    "USA": ("united-states", "the United States"),
    "UK": ("united-kingdom", "the United Kingdom"),
}
TOPIC_MATCHES = {"Syria": DKG.SyrianCivilWar}
_CODES = (DKG.cameoCode, DKG.ploverType, DKG.quadClass, DKG.goldstein)


class VetoDataError(ValueError):
    """The CSV does not have the expected columns or values."""


@dataclass(frozen=True)
class VetoRecord:
    """One row of the data set: a draft vetoed by one or more permanent members."""

    row: int  # 1-based data row
    day: date
    draft: str
    meetings: tuple[str, ...]
    agenda_item: str
    topic: str
    region: str
    members: tuple[str, ...]  # data set column names, e.g. ("China", "Russia")
    start: int  # offsets of the record's text in the file (Python str offsets, end exclusive)
    end: int
    raw: str


@dataclass
class ImportResult:
    """What an import did."""

    rows: int = 0
    asserted: int = 0
    skipped: int = 0
    events: list[int] = field(default_factory=list)


def shipped_csv() -> str:
    """The exact text of the CSV shipped with dkg (its CRLF line ends kept, like `read_csv_text` of a path)."""
    return (files("dkg.reference") / CSV_NAME).read_bytes().decode("utf-8")


def read_csv_text(path: Path | None) -> str:
    """The file's exact text (line endings kept, so evidence offsets point into it)."""
    if path is None:
        return shipped_csv()
    with Path(path).open(encoding="utf-8", newline="") as fh:
        return fh.read()


def _records_with_offsets(text: str) -> Iterable[tuple[int, int, str]]:
    """(start, end, raw) of each CSV record, a quoted field's line breaks included; the line end excluded."""
    pos = 0
    start = 0
    buffer = ""
    for line in text.splitlines(keepends=True):
        buffer += line
        pos += len(line)
        if buffer.count('"') % 2 == 0:
            raw = buffer.rstrip("\r\n")
            if raw.strip():
                yield start, start + len(raw), raw
            start = pos
            buffer = ""
    if buffer.strip():
        raise VetoDataError("the file ends inside a quoted field")


def parse_vetoes(text: str) -> list[VetoRecord]:
    """The records of the veto CSV, with their offsets in `text`."""
    records = list(_records_with_offsets(text))
    if not records:
        raise VetoDataError("the file is empty")
    header = next(csv.reader([records[0][2]]))
    needed = {"date", "draft", "meeting_record", "agenda_item", "crisis_topic", "region",
              "member_veto1", "member_veto2", "member_veto3", *MEMBERS}
    missing = needed - set(header)
    if missing:
        raise VetoDataError(f"not the UNSC veto data set: missing column(s) {', '.join(sorted(missing))}")
    out = []
    for number, (start, end, raw) in enumerate(records[1:], start=1):
        values = next(csv.reader(io.StringIO(raw, newline="")))
        if len(values) != len(header):
            raise VetoDataError(f"row {number}: {len(values)} fields, expected {len(header)}")
        row = dict(zip(header, values, strict=True))
        try:
            month, day, year = (int(x) for x in row["date"].strip().split("/"))
            when = date(year, month, day)
        except ValueError as exc:
            raise VetoDataError(f"row {number}: bad date {row['date']!r} (expected M/D/YYYY)") from exc
        named = {row[c].strip() for c in ("member_veto1", "member_veto2", "member_veto3") if row[c].strip()}
        unknown = named - set(MEMBERS)
        if unknown:
            raise VetoDataError(f"row {number}: unknown vetoing member(s) {', '.join(sorted(unknown))}")
        flagged = {m for m in MEMBERS if row[m].strip() == "1"}
        members = tuple(m for m in MEMBERS if m in named | flagged)
        if not members:
            raise VetoDataError(f"row {number}: no vetoing member")
        out.append(VetoRecord(
            row=number, day=when, draft=row["draft"].strip(),
            meetings=tuple(row["meeting_record"].split()), agenda_item=" ".join(row["agenda_item"].split()),
            topic=row["crisis_topic"].strip(), region=row["region"].strip(), members=members,
            start=start, end=end, raw=raw,
        ))
    return out


def slug(text: str) -> str:
    """Lower-case ASCII words joined by '-' (S/2016/846 -> s-2016-846)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def undocs(symbol: str) -> URIRef:
    """The UN Official Document System address of a document symbol."""
    return URIRef("https://undocs.org/" + quote(symbol, safe="/.()-"))


def resolution_slugs(records: list[VetoRecord]) -> dict[int, str]:
    """Row -> draft slug; a symbol shared by several rows (early years record the meeting, not the draft)
    gets -1, -2 ... in row order."""
    counts: dict[str, int] = defaultdict(int)
    for r in records:
        counts[slug(r.draft)] += 1
    seen: dict[str, int] = defaultdict(int)
    out = {}
    for r in records:
        s = slug(r.draft)
        if counts[s] > 1:
            seen[s] += 1
            s = f"{s}-{seen[s]}"
        out[r.row] = s
    return out


def ordinals(records: list[VetoRecord]) -> dict[tuple[int, str], int]:
    """(row, member) -> the member's n-th veto on the record's crisis topic, in date (then row) order."""
    counter: dict[tuple[str, str], int] = defaultdict(int)
    out = {}
    for r in sorted(records, key=lambda x: (x.day, x.row)):
        for m in r.members:
            counter[(m, r.topic)] += 1
            out[(r.row, m)] = counter[(m, r.topic)]
    return out


def veto_codes() -> list[tuple[URIRef, object]]:
    """The codes the ontology gives dkg:Veto (CAMEO, PLOVER, QuadClass, Goldstein), copied onto each veto."""
    from dkg.validation import ontology_graph  # noqa: PLC0415

    onto = ontology_graph()
    return [(p, o) for p in _CODES for o in onto.objects(DKG.Veto, p)]


def veto_iri(base: str, resolution_slug: str, member: str) -> str:
    return f"{base}event/veto-{resolution_slug}-{MEMBERS[member][0]}"


def record_graph(record: VetoRecord, base: str, resolution_slug: str, ordinal: dict[tuple[int, str], int],
                 codes: list[tuple[URIRef, object]]) -> tuple[Graph, list[str]]:
    """The facts of one record and the IRIs of its veto events."""
    g = Graph()
    council = URIRef(f"{base}actor/un-security-council")
    res = URIRef(f"{base}resolution/{resolution_slug}")
    g.add((res, RDF.type, DKG.DraftResolution))
    g.add((res, RDFS.label, Literal(f"draft resolution {record.draft}", lang="en")))
    g.add((res, DKG.forum, council))
    g.add((res, DKG.outcome, DKG.Vetoed))
    if not record.draft.upper().startswith("S/PV."):  # early rows give the meeting record instead
        g.add((res, DKG.symbol, Literal(record.draft)))
        g.add((res, RDFS.seeAlso, undocs(record.draft)))
    if record.agenda_item:
        g.add((res, DCTERMS.description, Literal(record.agenda_item, lang="en")))
    if record.region:
        g.add((res, DCTERMS.coverage, Literal(record.region, lang="en")))
    topic = URIRef(f"{base}topic/unsc-veto/{slug(record.topic)}")
    scheme = URIRef(f"{base}topic/unsc-veto")
    g.add((scheme, RDF.type, SKOS.ConceptScheme))
    g.add((scheme, RDFS.label, Literal("crisis topics of the UN Security Council veto record", lang="en")))
    g.add((topic, RDF.type, SKOS.Concept))
    g.add((topic, SKOS.prefLabel, Literal(record.topic, lang="en")))
    g.add((topic, SKOS.inScheme, scheme))
    topics = [topic]
    if record.topic in TOPIC_MATCHES:  # also the ontology's concept, which fact sheets use
        g.add((topic, SKOS.exactMatch, TOPIC_MATCHES[record.topic]))
        topics.append(TOPIC_MATCHES[record.topic])
    for t in topics:
        g.add((res, DKG.topic, t))
    day = Literal(record.day.isoformat(), datatype=XSD.date)
    events = []
    for member in record.members:
        actor_slug, label = MEMBERS[member]
        ev = URIRef(veto_iri(base, resolution_slug, member))
        events.append(str(ev))
        g.add((ev, RDF.type, DKG.Veto))
        g.add((ev, RDFS.label, Literal(f"veto by {label} of {record.draft} ({record.day.isoformat()})", lang="en")))
        g.add((ev, DKG.agent, URIRef(f"{base}actor/{actor_slug}")))
        g.add((ev, DKG.forum, council))
        g.add((ev, DKG.resolution, res))
        for t in topics:
            g.add((ev, DKG.topic, t))
        g.add((ev, DKG.modality, DKG.Completed))
        g.add((ev, DKG.date, day))
        g.add((ev, DKG.validFrom, day))
        g.add((ev, DKG.validTo, day))
        g.add((ev, DKG.datePrecision, DKG.DayPrecision))
        g.add((ev, DKG.ordinal, Literal(ordinal[(record.row, member)], datatype=XSD.integer)))
        for p, o in codes:
            g.add((ev, p, o))
        for meeting in record.meetings:
            g.add((ev, RDFS.seeAlso, undocs(meeting)))
    return g, events


def build_drafts(text: str, base: str) -> tuple[ArticleRecord, list[tuple[VetoRecord, AssertionDraft]]]:
    """The data set as a source article and one assertion draft per record."""
    records = parse_vetoes(text)
    article = ArticleRecord(text=text, title=TITLE, url=SOURCE_URL, published=PUBLISHED)
    slugs = resolution_slugs(records)
    ranks = ordinals(records)
    codes = veto_codes()
    out = []
    for record in records:
        facts, events = record_graph(record, base, slugs[record.row], ranks, codes)
        if text[record.start : record.end] != record.raw:
            raise VetoDataError(f"row {record.row}: could not locate the record in the file")
        evidence = [Evidence(record.raw, record.start, record.end)]
        draft = AssertionDraft(facts=facts, evidence=evidence, method="manual", extractor=EXTRACTOR,
                               label=f"row {record.row}: {record.draft}", subjects=events)
        out.append((record, draft))
    return article, out


def import_vetoes(kg, path: Path | None = None, principal: str = "dkg", *, chunk: int = 40,
                  progress=None) -> ImportResult:
    """Append the veto record through the write path (validated, all of a chunk or nothing); records whose
    vetoes are already in the graph are skipped, so the import can be re-run or resumed."""
    text = read_csv_text(path)
    article, drafts = build_drafts(text, kg.base)
    result = ImportResult(rows=len(drafts))
    rdf_type = ox.NamedNode(str(RDF.type))
    veto_class = ox.NamedNode(str(DKG.Veto))
    pending = []
    for _record, draft in drafts:
        first = ox.NamedNode(draft.subjects[0])
        if any(True for _ in kg.projection.store.quads_for_pattern(first, rdf_type, veto_class, None)):
            result.skipped += 1
            continue
        pending.append(draft)
    for i in range(0, len(pending), chunk):
        part = pending[i : i + chunk]
        events = kg.assert_drafts(article, part, principal)
        result.asserted += sum(1 for e in events if e.type == "FactsAsserted")
        result.events += [e.seq for e in events]
        if progress:
            progress(len(part))
    return result
