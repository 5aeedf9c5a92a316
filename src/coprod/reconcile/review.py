"""Record an analyst's decision: resolve what it names, check it, log it, reconcile.

The one path for the CLI (`coprod review ...`) and the Python API (`coprod.review`).
A decision names facts by id (`12`) or a ledger entry by its key or a prefix of it
(`3aede4f8`: every fact of that entry). It is appended to the audit log, then the ledger is
reconciled so every view shows its effect at once.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from coprod.errors import InputError, StaleError
from coprod.model import Decision
from coprod.reconcile.decisions import check, normalised
from coprod.reconcile.run import ReconcileSummary, reconcile_store
from coprod.store import Store

MIN_KEY_PREFIX = 6  # shorter entry-key prefixes are too likely to name several entries


def reviewer(by: str | None) -> str:
    """Who decides: `by`, else $COPROD_USER, else the login name."""
    name = by or os.environ.get("COPROD_USER") or getpass.getuser()
    if not name.strip():
        raise InputError("say who decides: --by NAME or $COPROD_USER")
    return name.strip()


def resolve(store: Store, refs: Sequence[str]) -> tuple[list[str], list[str]]:
    """Fact keys and their types for fact ids and entry keys (or prefixes)."""
    keys: list[str] = []
    ids = [int(r) for r in refs if r.isdigit()]
    found = store.fact_keys(ids)
    missing = [str(i) for i in ids if i not in found]
    if missing:
        raise InputError(f"no fact with id {', '.join(missing)} (see `coprod facts`)")
    for ref in refs:
        keys += [found[int(ref)][0]] if ref.isdigit() else _entry_keys(store, ref)
    keys = list(dict.fromkeys(keys))
    types = _types(store, keys)
    return keys, types


def _entry_keys(store: Store, prefix: str) -> list[str]:
    prefix = prefix.lower()
    if len(prefix) < MIN_KEY_PREFIX or not all(c in "0123456789abcdef" for c in prefix):
        raise InputError(
            f"{prefix!r} is neither a fact id nor an entry key (at least "
            f"{MIN_KEY_PREFIX} hex digits; see `coprod entries`)"
        )
    keys = store.entry_fact_keys(prefix)
    if not keys:
        raise InputError(f"no single ledger entry has a key starting {prefix!r}")
    return keys


def _types(store: Store, keys: list[str]) -> list[str]:
    by_key = store.fact_types(keys)
    return [by_key[k] for k in keys]


def record(
    store: Store,
    action: str,
    refs: Sequence[str],
    *,
    why: str,
    by: str | None = None,
    fields: dict[str, Any] | None = None,
    expected: tuple[int, int] | None = None,
) -> tuple[Decision, ReconcileSummary]:
    """Check, log and apply one decision; returns it (with its id) and the new ledger.

    With `expected` (fact id, review version) the decision is written only while that
    fact is still at that version; otherwise StaleError, and nothing is written.
    """
    if not why.strip():
        raise InputError("say why: every decision in the audit log has a reason")
    keys, types = resolve(store, refs)
    if action in ("confirm", "correct", "split") and len(keys) != 1:
        raise InputError(f"{action} takes one fact; the reference names {len(keys)}")
    fields = normalised(fields)
    check(action, types, fields)
    decision = Decision(action, keys, reviewer(by), why.strip(), fields or None, datetime.now(UTC))
    decision_id = store.add_decision(decision, expected)
    if decision_id is None:
        raise StaleError("the fact changed since it was read: reload it and decide again")
    summary = reconcile_store(store)
    return Decision(
        action, keys, decision.by, decision.why, decision.fields, id=decision_id
    ), summary
