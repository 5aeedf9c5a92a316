"""One reconciliation: read facts and decisions, build entries, replace them in the ledger.

Entries are rebuilt from scratch each time (they are derived data), so a reconciliation
after any ingest, extraction or decision gives the same ledger as a clean one would.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from coprod.model import Decision
from coprod.reconcile.decisions import standing
from coprod.reconcile.entries import Entry, build_entries
from coprod.reconcile.matching import Row
from coprod.reconcile.totals import settle_running_totals
from coprod.store import Store


@dataclass(frozen=True)
class ReconcileSummary:
    """What a reconciliation made: entries per type, and those to review."""

    facts: int
    entries: dict[str, int]
    counted: int
    superseded: int
    conflicts: int
    unconverted: int
    decisions: int
    orphaned: list[int]  # decisions naming a fact the ledger no longer holds

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def reconcile(rows: Sequence[Row], decisions: Sequence[Decision]) -> list[Entry]:
    """Fact rows (with `fact_key` and `document_*`) and the audit log, into entries."""
    entries = build_entries(rows, standing(decisions))
    settle_running_totals(entries)
    return entries


def reconcile_store(store: Store) -> ReconcileSummary:
    """Rebuild the ledger's entries from its facts and decisions, one rebuild at a time
    (a second waits, then reads what the first left, so no decision is missed)."""
    with store.reconciling():
        rows, decisions = store.reconcile_rows(), store.decisions()
        entries = reconcile(rows, decisions)
        now = datetime.now(UTC)
        store.replace_entries(
            [entry_row(e, now) for e in entries], [link for e in entries for link in link_rows(e)]
        )
    keys = {r["fact_key"] for r in rows}
    orphaned = [d.id or 0 for d in decisions if not set(d.fact_keys) <= keys]
    return _summary(len(rows), entries, len(decisions), orphaned)


def entry_row(entry: Entry, now: datetime) -> dict[str, Any]:
    return (
        dict.fromkeys(ENTRY_COLUMNS)
        | entry.fields
        | {
            "key": entry.key,
            "type": entry.type,
            "counted": entry.counted,
            "superseded_by": entry.superseded_by,
            "conflict": entry.conflict,
            "decided": entry.decided,
            "representative": entry.representative["fact_key"],
            "reconciled_at": now,
        }
    )


def link_rows(entry: Entry) -> list[dict[str, Any]]:
    return [
        {
            "entry_key": entry.key,
            "fact_key": m.row["fact_key"],
            "reason": m.reason,
            "fx_date": m.fx.rate_date,
            "eur_rate": m.fx.eur_rate,
            "usd_rate": m.fx.usd_rate,
            "eur": m.fx.eur,
            "usd": m.fx.usd,
            "fx_note": m.fx.note,
        }
        for m in entry.members
    ]


def _summary(
    n_facts: int, entries: list[Entry], n_decisions: int, orphaned: list[int]
) -> ReconcileSummary:
    per_type: dict[str, int] = {}
    for entry in entries:
        per_type[entry.type] = per_type.get(entry.type, 0) + 1
    commitments = [e for e in entries if e.type == "commitment"]
    return ReconcileSummary(
        facts=n_facts,
        entries=per_type,
        counted=sum(e.counted for e in entries),
        superseded=sum(e.superseded_by is not None for e in entries),
        conflicts=sum(e.conflict is not None for e in entries),
        unconverted=sum(e.fields["eur"] is None or e.fields["usd"] is None for e in commitments),
        decisions=n_decisions,
        orphaned=orphaned,
    )


ENTRY_COLUMNS = (
    "funder parties kind mechanism categories status stage host companies cumulative year "
    "qualifier amount currency share_pct period subject metric value unit date "
    "first_reported last_reported fx_date eur_rate usd_rate eur usd fx_note"
).split()
