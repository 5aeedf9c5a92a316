"""Views: everything that shows the ledger (CLI, report, exports). Views only read."""
