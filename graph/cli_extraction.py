"""Extraction commands: `dkg ingest` (read an article, record its facts), `dkg review ...` (the review queue),
`dkg disagreements` (values the sources of one event disagree on)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
import yaml
from dkg.cli import DataOpt, PrincipalOpt, fail, open_kg, out, principal_name, progress_bar
from rich.table import Table

# dkg.extraction imports spaCy (about a second): the commands import it when they run, not at CLI start-up.
DEFAULT_THRESHOLD = 0.7  # the same as dkg.review.DEFAULT_THRESHOLD (checked by tests/test_review.py)

review_app = typer.Typer(help="The review queue of proposed facts (list, show, accept, reject, edit).",
                         no_args_is_help=True)  # fmt: skip


def _published(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"not a date (YYYY-MM-DD): {value!r}") from None


def _sidecar(path: Path) -> dict[str, object]:
    """The metadata next to an article: `NAME.json`, `NAME.yaml` or `NAME.yml` with published, url, title (a
    fact sheet of the same name is not metadata and is skipped)."""
    for ext in (".json", ".yaml", ".yml"):
        side = path.with_suffix(ext)
        if side.is_file():
            try:
                meta = json.loads(side.read_text(encoding="utf-8")) if ext == ".json" else yaml.safe_load(
                    side.read_text(encoding="utf-8"))  # fmt: skip
            except (ValueError, yaml.YAMLError) as exc:
                raise fail(f"{side}: cannot read the article's metadata: {exc}") from exc
            if isinstance(meta, dict) and ("facts" in meta or "article" in meta):
                continue  # a fact sheet of the article (examples/aleppo-2016.yaml), not its metadata
            if not isinstance(meta, dict) or not set(meta) <= {"published", "url", "title"}:
                raise fail(f"{side}: expected a mapping with published, url, title")
            return meta
    return {}


def _read_article(path: Path) -> str:
    """An article's text: UTF-8 (a leading byte-order mark is dropped); other encodings, binary files and empty
    articles are refused with one line, before anything is written."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise fail(f"{path}: not UTF-8 text (invalid byte at offset {exc.start}); convert it first, "
                   f"e.g. iconv -f latin1 -t utf-8") from None  # fmt: skip
    except OSError as exc:
        raise fail(f"{path}: cannot read the article: {exc.strerror}") from None
    if "\x00" in text:
        raise fail(f"{path}: not a text file (it holds NUL bytes)")
    if not text.strip():
        raise fail(f"{path}: the article is empty")
    return text


def _articles(paths: list[Path]) -> list[Path]:
    """The article files named: files as given, folders as their `*.txt` files in name order."""
    out: list[Path] = []
    for p in paths:
        out += sorted(p.glob("*.txt")) if p.is_dir() else [p]
    if not out:
        raise fail("no article to ingest (a folder contributes its *.txt files)")
    return out


def ingest_cmd(
    articles: Annotated[list[Path], typer.Argument(
        help="Article files (UTF-8 text) or folders of *.txt files; each may have a sidecar NAME.json/.yaml "
             "with published, url, title.", exists=True)],  # fmt: skip
    published: Annotated[str | None, typer.Option(
        "--published", help="Publication date (anchors relative dates); for every article without a sidecar "
                            "date.")] = None,  # fmt: skip
    url: Annotated[str | None, typer.Option("--url", help="Where the article was published (one article).")] = None,
    title: Annotated[str | None, typer.Option("--title", help="The article's title (one article).")] = None,
    threshold: Annotated[float, typer.Option("--threshold", help="Facts below this confidence go to review.")] = (
        DEFAULT_THRESHOLD
    ),
    no_match: Annotated[bool, typer.Option("--no-match", help="Do not point facts at existing events.")] = False,
    batch: Annotated[int, typer.Option("--batch", min=1, help="Articles committed together (one validation "
                                                              "and append).")] = 20,  # fmt: skip
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the proposed fact sheet (YAML); write nothing.")
    ] = False,
    data: DataOpt = None,
    principal: PrincipalOpt = None,
) -> None:
    """Register articles, propose their facts with evidence, validate them and record them (or queue them)."""
    from dkg.extraction import PublishedOutOfRange, checked_published, extract  # noqa: PLC0415
    from dkg.review import ArticleInput, ingest_many  # noqa: PLC0415

    files = _articles(articles)
    if len(files) > 1 and (url or title):
        raise fail("--url and --title name one article: give several articles their own in sidecar files")
    inputs: list[ArticleInput] = []
    for f in files:
        meta = _sidecar(f)
        pub = meta.get("published") or published
        if not pub:
            raise fail(f"{f}: no publication date: pass --published or put `published` in {f.stem}.json/.yaml")
        inputs.append(ArticleInput(_read_article(f), _published(str(pub)),
                                   str(meta.get("title") or title or "") or None,
                                   str(meta.get("url") or url or "") or None))  # fmt: skip
    for f, a in zip(files, inputs, strict=True):
        try:
            checked_published(a.published)
        except PublishedOutOfRange as exc:
            raise fail(f"{f}: {exc}") from None
    if dry_run:
        for f, a in zip(files, inputs, strict=True):
            sheet = extract(a.text, published=a.published, title=a.title, url=a.url)
            sheet["article"] = {k: v for k, v in sheet["article"].items() if k != "text"} | {"text_file": f.name}
            out.print(yaml.safe_dump(sheet, sort_keys=False, allow_unicode=True, width=110), highlight=False)
        return
    with open_kg(data) as kg, progress_bar("ingesting", len(inputs)) as advance:
        # open_kg turns dkg's errors (fact sheet, SHACL with its violations, refusals) into one-line exits
        result = ingest_many(kg, inputs, principal=principal_name(principal), threshold=threshold,
                             match=not no_match, batch_size=batch, progress=advance)  # fmt: skip
    for f, report in zip(files, result.reports, strict=True):
        if len(files) > 1:
            out.print(f"{f.name}: ", end="", highlight=False)
        out.print(f"article {report.article}")
        already = f" ({len(report.already_recorded)} already recorded)" if report.already_recorded else ""
        out.print(f"{len(report.recorded)} fact(s) recorded{already}, {len(report.queued)} queued for review, "
                  f"{len(report.matched)} matched to known events")  # fmt: skip
        for item in report.queued:
            out.print(f"  review {item.id[:8]}  {item.fact['type']:<26} {'; '.join(item.reasons)[:90]}",
                      highlight=False)  # fmt: skip
    for i in sorted(result.refused):
        out.print(f"{files[i].name}: refused in its batch ({'; '.join(result.refused[i])[:120]}); "
                  "recorded alone, its invalid facts queued", highlight=False)  # fmt: skip
    if len(files) > 1:
        out.print(f"{len(files)} articles, {sum(len(r.recorded) for r in result.reports)} fact(s) recorded, "
                  f"{sum(len(r.queued) for r in result.reports)} queued, {result.batches} batch commit(s)")  # fmt: skip


@review_app.command("list")
def review_list(
    status: Annotated[str, typer.Option("--status", help="pending, accepted, rejected or all.")] = "pending",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    data: DataOpt = None,
) -> None:
    """List review items."""
    from dkg.review import ReviewQueue  # noqa: PLC0415

    with open_kg(data) as kg:
        items = ReviewQueue(kg).items(None if status == "all" else status)
    if as_json:
        out.print_json(json.dumps([i.__dict__ for i in items], default=str))
        return
    table = Table("item", "status", "type", "confidence", "reasons", "quote")
    for i in items:
        quote = (i.fact.get("evidence") or [{}])[0].get("quote", "")
        table.add_row(i.id[:8], i.status, i.fact.get("type", ""), str(i.confidence), "; ".join(i.reasons)[:60],
                      quote[:70])  # fmt: skip
    out.print(table)


@review_app.command("show")
def review_show(item: Annotated[str, typer.Argument(help="Item id (or a unique prefix).")], data: DataOpt = None
                ) -> None:  # fmt: skip
    """Show one item: the fact as it stands, its evidence and history."""
    from dkg.review import ReviewQueue  # noqa: PLC0415

    with open_kg(data) as kg:
        it = ReviewQueue(kg).get(item)
    out.print(yaml.safe_dump({"item": it.id, "status": it.status, "article": it.article, "reasons": it.reasons,
                              "edits": it.edits, "decided_by": it.decided_by, "fact": it.fact},
                             sort_keys=False, allow_unicode=True, width=110), highlight=False)  # fmt: skip


@review_app.command("accept")
def review_accept(
    item: Annotated[str, typer.Argument(help="Item id (or a unique prefix).")],
    note: Annotated[str | None, typer.Option("--note", help="Why it was accepted.")] = None,
    data: DataOpt = None,
    principal: PrincipalOpt = None,
) -> None:
    """Record the item's fact in the graph (validated like every write)."""
    from dkg.review import ReviewQueue  # noqa: PLC0415

    with open_kg(data) as kg:
        it = ReviewQueue(kg).accept(item, principal_name(principal), note)
    out.print(f"accepted {it.id[:8]}: {', '.join(it.assertions)}")


@review_app.command("reject")
def review_reject(
    item: Annotated[str, typer.Argument(help="Item id (or a unique prefix).")],
    reason: Annotated[str, typer.Option("--reason", help="Why the fact is wrong.")],
    data: DataOpt = None,
    principal: PrincipalOpt = None,
) -> None:
    """Reject the item (nothing enters the graph; the decision is logged)."""
    from dkg.review import ReviewQueue  # noqa: PLC0415

    with open_kg(data) as kg:
        it = ReviewQueue(kg).reject(item, principal_name(principal), reason)
    out.print(f"rejected {it.id[:8]}")


@review_app.command("edit")
def review_edit(
    item: Annotated[str, typer.Argument(help="Item id (or a unique prefix).")],
    set_: Annotated[
        list[str] | None, typer.Option("--set", help="KEY=VALUE (YAML value; empty removes the key).")
    ] = None,
    data: DataOpt = None,
    principal: PrincipalOpt = None,
) -> None:
    """Correct the item's fact, e.g. `--set agent=actor/russia --set modality=reported`."""
    changes: dict[str, object] = {}
    for pair in set_ or []:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise fail(f"--set expects KEY=VALUE, got {pair!r}")
        changes[key] = yaml.safe_load(value) if value else None
    from dkg.review import ReviewQueue  # noqa: PLC0415

    with open_kg(data) as kg:
        it = ReviewQueue(kg).edit(item, principal_name(principal), changes=changes)
    out.print(f"edited {it.id[:8]} (edit {it.edits})")


def disagreements_cmd(
    event: Annotated[str | None, typer.Argument(help="An event IRI (default: all events).")] = None,
    data: DataOpt = None,
) -> None:
    """Values the sources of one event disagree on (fifth vs sixth veto, Friday vs Saturday), with sources."""
    from dkg.extraction.matching import disagreements  # noqa: PLC0415

    with open_kg(data) as kg:
        rows = disagreements(kg, event)
    table = Table("event", "property", "value", "source")
    for r in rows:
        table.add_row(r["event"], r["property"].rsplit("#", 1)[-1], r["value"], r.get("source", ""))
    out.print(table)


def register(app: typer.Typer) -> None:
    """Add the extraction commands to the `dkg` app."""
    app.command("ingest")(ingest_cmd)
    app.command("disagreements")(disagreements_cmd)
    app.add_typer(review_app, name="review")
