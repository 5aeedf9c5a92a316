"""The ledger: the one write path (`Store`) and the tables it writes."""

from coprod.store.engine import shown_url, to_url
from coprod.store.ledger import Store
from coprod.store.queries import FACT_ROW_KEYS, Counts, FactFilter, FactRow

__all__ = ["FACT_ROW_KEYS", "Counts", "FactFilter", "FactRow", "Store", "shown_url", "to_url"]
