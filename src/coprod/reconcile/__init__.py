"""Reconcile: facts into one ledger entry per real deal, in EUR and USD, against GDP.

`reconcile(rows, decisions)` is pure: fact rows and the audit log in, entries out.
`reconcile_store(store)` reads a ledger's facts and decisions and replaces its entries.
"""

from coprod.reconcile.entries import Entry, Member, build_entries
from coprod.reconcile.run import ReconcileSummary, reconcile, reconcile_store

__all__ = ["Entry", "Member", "ReconcileSummary", "build_entries", "reconcile", "reconcile_store"]
