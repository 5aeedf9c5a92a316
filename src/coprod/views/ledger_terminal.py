"""The reconciled ledger on a terminal: scoreboard, entries, one entry's evidence, the
audit log. Money is shown in whole units with thousands separators; an unknown is a dash.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from coprod.model import Decision
from coprod.views.figures import UNSTATED, number
from coprod.views.scoreboard import Scoreboard


def _money(value: float | None) -> str:
    return UNSTATED if value is None else f"{value:,.0f}"


def _pct(value: float | None) -> str:
    return UNSTATED if value is None else f"{value:.3f}%"


def _millions(value: float | None) -> str:
    return UNSTATED if value is None else f"{value / 1e6:,.1f}"


def print_scoreboard(board: Scoreboard, console: Console) -> None:
    """Amounts in millions; `coprod scoreboard --json` gives them whole."""
    table = Table(title=f"Counted money (millions) against {board.goal_pct}% of GDP")
    table.add_column("partner", no_wrap=True)
    for name in ("EUR m", "USD m", "% of GDP", "joint m", "entries", "review"):
        table.add_column(name, justify="right", no_wrap=True)
    for r in board.rows:
        share = f"{_pct(r.gdp_share_pct)} ({r.share_year})" if r.share_year else UNSTATED
        table.add_row(
            r.partner,
            _millions(r.eur),
            _millions(r.usd),
            share,
            _millions(r.joint_eur) if r.joint_eur else "",
            str(r.entries),
            str(r.conflicts or ""),
        )
    console.print(table)
    unconverted = [(r.partner, u) for r in board.rows for u in r.unconverted]
    for partner, u in unconverted:
        figure = f"{u.currency} {number(u.amount)}"
        line = f"not converted: {partner} {figure} ({u.note}), entry {u.key[:8]}"
        console.print(Text(line), soft_wrap=True)
    source = board.gdp_source
    named = f"{source.get('source')}, {source.get('indicator')}, vintage {source.get('vintage')}"
    console.print(Text(f"GDP: {named}"), soft_wrap=True)


def print_entries(rows: Sequence[dict[str, Any]], console: Console) -> None:
    table = Table()
    for name in ("key", "type", "who", "what", "status/stage", "EUR", "reports", "note"):
        table.add_column(name)
    for e in rows:
        table.add_row(
            e["key"][:8],
            e["type"],
            ",".join(e["funder"] or e["parties"] or [e["subject"] or UNSTATED]),
            _what(e),
            str(e["status"] or e["stage"] or UNSTATED),
            _money(e["eur"]) if e["type"] == "commitment" else "",
            str(e["n_documents"]),
            _note(e),
        )
    console.print(table)


def _what(e: dict[str, Any]) -> str:
    if e["type"] == "commitment":
        total = " (running total)" if e["cumulative"] else ""
        return f"{e['currency'] or '?'} {number(e['amount'])} {e['mechanism'] or ''}{total}"
    if e["type"] == "agreement":
        return f"{e['kind']} host {e['host'] or UNSTATED}"
    if e["type"] == "gdp_pledge":
        return f"{e['share_pct']}% of GDP ({e['period']})"
    return f"{e['metric']} {number(e['value'])} {e['unit'] or ''}"


def _note(e: dict[str, Any]) -> str:
    notes = []
    if e["conflict"]:
        notes.append("CONFLICT")
    if e["superseded_by"]:
        notes.append(f"inside total {e['superseded_by'][:8]}")
    if e["decided"]:
        notes.append("decided")
    if e["fx_note"]:
        notes.append(e["fx_note"])
    return ", ".join(notes)


def print_entry(
    entry: dict[str, Any], evidence: Sequence[dict[str, Any]], console: Console
) -> None:
    console.print(Text(f"entry {entry['key']} ({entry['type']})", style="bold"))
    console.print(Text(_what(entry)), soft_wrap=True)
    if entry["type"] == "commitment":
        console.print(Text(_conversion(entry)), soft_wrap=True)
    if entry["conflict"]:
        console.print(Text(f"conflict: {entry['conflict']}", style="bold red"), soft_wrap=True)
    if entry["superseded_by"]:
        console.print(Text(f"contained in running total {entry['superseded_by']}"))
    for fact in evidence:
        where = fact["document_url"] or fact["document_id"]
        head = f"fact {fact['id']} · {fact['document_date'] or UNSTATED} · {where}"
        console.print(Text(head, style="bold"), soft_wrap=True)
        console.print(Text(f"  {fact['evidence']}"), soft_wrap=True)
        console.print(Text(f"  why here: {fact['reason']}", style="dim"), soft_wrap=True)


def _conversion(e: dict[str, Any]) -> str:
    if e["eur"] is None:
        return f"not converted: {e['fx_note']}"
    rates = f"ECB {e['fx_date']}: {e['eur_rate']} {e['currency']}/EUR, {e['usd_rate']} USD/EUR"
    return f"EUR {_money(e['eur'])} · USD {_money(e['usd'])} ({rates})"


def print_decisions(decisions: Sequence[Decision], console: Console) -> None:
    table = Table()
    for name in ("#", "when", "who", "action", "facts", "fields", "why"):
        table.add_column(name)
    for d in decisions:
        when = d.at.isoformat(timespec="seconds") if d.at else UNSTATED
        fields = ", ".join(f"{k}={v}" for k, v in (d.fields or {}).items())
        keys = ", ".join(k[:8] for k in d.fact_keys)
        table.add_row(str(d.id), when, d.by, d.action, keys, fields, d.why)
    console.print(table)
