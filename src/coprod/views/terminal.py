"""Rich renderings for the terminal: an ingest run, the ledger's status, facts, the report.

Each function takes plain data and a Console and prints; none reads the ledger itself.
Text from the ledger goes in as `Text`, never as markup: a "[bold]" in an article stays text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Column, Table
from rich.text import Text

from coprod.pipeline import IngestReport
from coprod.settings import Settings
from coprod.store import Counts, FactRow
from coprod.views.figures import figure, shown, source
from coprod.views.report import Group, PartnerReport, Report, partners_of
from coprod.views.scoreboard import Scoreboard


def print_ingest(report: IngestReport, console: Console) -> None:
    table = Table(show_header=False, box=None)
    table.add_row("new documents", str(report.new))
    table.add_row("already known", str(report.known))
    table.add_row("skipped", str(len(report.skipped)))
    table.add_row("facts found", _per_type(report.facts_found, report.facts))
    if report.near_duplicates:
        table.add_row("republished stories", f"{report.near_duplicates} (facts counted once)")
    for lang, n in report.not_extracted.items():
        table.add_row(f"stored, not extracted (language {lang})", str(n))
    if report.partitions:
        table.add_row("partitions", partitions_line(report.partitions))
    if report.ledger:
        table.add_row("ledger", ledger_line(report.ledger))
    else:
        table.add_row("ledger", "entries not rebuilt (--no-reconcile): run `coprod reconcile`")
    console.print(table)
    if report.interrupted_runs:
        ids = ", ".join(f"#{run_id}" for run_id in report.interrupted_runs)
        console.print(Text(f"run {ids} was interrupted: kept what it committed, read the rest"))
    for reason, items in report.skipped_by_reason().items():
        console.print(Text(f"skipped: {reason} ({len(items)})", style="bold"), soft_wrap=True)
        for skip in items:
            line = Text(f"  {skip.source}: {skip.detail or reason}")
            console.print(line, soft_wrap=True)


def partitions_line(counts: dict[str, int]) -> str:
    """'12 of 40 read (28 done before); 1 failed: read again next run', of a scaled-out run."""
    to_do = counts["planned"] - counts["done_before"]
    line = f"{counts['done']:,} of {to_do:,} read"
    if counts["done_before"]:
        line += f" ({counts['done_before']:,} done before, passed over)"
    if counts["failed"]:
        line += f"; {counts['failed']:,} failed: read again next run"
    return line


def ledger_line(summary: dict[str, Any]) -> str:
    """'47 entries (20 commitment, …); 2 conflicts to review', from a reconciliation."""
    entries: dict[str, int] = summary["entries"]
    text = _per_type(sum(entries.values()), entries).replace(" ", " entries ", 1)
    notes = [
        f"{summary['superseded']} inside running totals" if summary["superseded"] else "",
        f"{summary['unconverted']} not convertible" if summary["unconverted"] else "",
        f"{summary['conflicts']} conflicts to review" if summary["conflicts"] else "",
        _orphans(summary.get("orphaned") or []),
    ]
    shown = "; ".join(n for n in notes if n)
    return f"{text}; {shown}" if shown else text


def _orphans(ids: list[int]) -> str:
    if not ids:
        return ""
    return "decision(s) " + ", ".join(f"#{i}" for i in ids) + " name facts no longer extracted"


def _per_type(total: int, per_type: dict[str, int]) -> str:
    found = ", ".join(f"{n} {fact_type}" for fact_type, n in per_type.items() if n)
    return f"{total} ({found})" if found else str(total)


def print_status(
    db: str, counts: Counts, last_run: dict[str, Any] | None, console: Console
) -> None:
    console.print(Text(f"ledger {db}", style="bold"))
    table = Table(show_header=False)
    table.add_row("documents", str(counts.documents))
    for fact_type, n in counts.facts.items():
        table.add_row(f"facts: {fact_type}", str(n))
    for reason, n in counts.skipped.items():
        table.add_row(Text(f"skipped: {reason}"), str(n))
    table.add_row("duplicates: exact", str(counts.duplicates["exact"]))
    table.add_row("duplicates: near", str(counts.duplicates["near"]))
    for lang, n in counts.languages.items():
        table.add_row(Text(f"language: {lang}"), str(n))
    if counts.not_extracted:
        table.add_row("not extracted", str(counts.not_extracted))
    if last_run is not None:
        run = f"#{last_run['id']} {last_run['label']}, {last_run['status']}"
        table.add_row("last run", Text(run))
    console.print(table)


def print_facts(rows: Sequence[FactRow], console: Console) -> None:
    table = Table("id", "type", "partner", "figure", "evidence", _source_column(), show_lines=True)
    for row in rows:
        partner = ", ".join(partners_of(row))
        cells = (partner, figure(row), row["evidence"])
        table.add_row(str(row["id"]), row["type"], *map(Text, cells), _cited(row))
    console.print(table)
    console.print(f"facts: {len(rows)}", highlight=False)


def print_report(report: Report, console: Console) -> None:
    console.print(Text(report.caveat, style="dim"))
    if report.ledger.scoreboard.rows:
        console.print(_scoreboard_table(report.ledger.scoreboard))
    for entry in report.ledger.conflicts:
        console.print(_conflict_line(entry))
    if not report.partners:
        console.print("The ledger holds no facts yet.")
    for partner in report.partners:
        console.print(_partner_table(partner))
    if report.republished:
        console.print(Text("Stories published more than once (facts counted once)", style="bold"))
    for story in report.republished:
        line = f"{story.title or story.url}: also published as: {', '.join(story.copies)}"
        console.print(Text(line), soft_wrap=True)


def _scoreboard_table(board: Scoreboard) -> Table:
    """Where partners stand, in millions: fits 80 columns."""
    table = Table(
        "partner",
        Column("EUR m", justify="right"),
        Column("USD m", justify="right"),
        Column("% of GDP", justify="right"),
        Column("joint EUR m", justify="right"),
        Column("conflicts", justify="right"),
        title=Text(f"Where partners stand (goal: {board.goal_pct:g}% of GDP a year)", "bold"),
        title_justify="left",
    )
    for row in board.rows:
        share = "—" if row.gdp_share_pct is None else f"{row.gdp_share_pct:.3g} ({row.share_year})"
        cells = (_millions(row.eur), _millions(row.usd), share, _millions(row.joint_eur))
        table.add_row(Text(row.partner), *cells, str(row.conflicts))
    return table


def _millions(amount: float) -> str:
    return f"{amount / 1e6:,.1f}"


def _conflict_line(entry: dict[str, Any]) -> Text:
    """'to review: NLD commitment d4e323cbbfd4: figures disagree: …'."""
    who = ", ".join(entry["funder"] or entry["parties"] or [shown(entry["subject"])])
    return Text(f"to review: {who} {entry['type']} {entry['key'][:12]}: {entry['conflict']}")


def _partner_table(partner: PartnerReport) -> Table:
    table = Table(
        "fact",
        "by",
        "figure",
        _source_column(),
        title=Text(partner.partner, style="bold"),
        title_justify="left",
    )
    _add_groups(table, "commitment", partner.commitments)
    _add_rows(table, "GDP pledge", partner.gdp_pledges)
    _add_groups(table, "agreement", partner.agreements)
    _add_rows(table, "target", partner.targets)
    return table


def _add_groups(table: Table, what: str, groups: Sequence[Group]) -> None:
    for group in groups:
        key = " / ".join(shown(value) for value in group.key)
        _add_rows(table, what, group.facts, key)


def _add_rows(table: Table, what: str, rows: Sequence[FactRow], key: str = "") -> None:
    for row in rows:
        table.add_row(what, Text(key), Text(figure(row)), _cited(row))


def _source_column() -> Column:
    return Column("source", overflow="fold")  # a URL is folded, never cut short


def _cited(row: FactRow) -> Text:
    """The source's title and date, and its URL on the next line."""
    return Text(f"{source(row)}\n{row['document_url'] or ''}".rstrip())


def print_settings(settings: Settings, console: Console) -> None:
    table = Table("setting", "value", "environment variable")
    for name, value in settings.as_dict().items():
        table.add_row(name, Text(str(value)), f"COPROD_{name.upper()}")
    console.print(table)
