"""Reconcile: facts into one ledger entry per real deal, in EUR and USD, against GDP."""
