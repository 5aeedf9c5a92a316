"""The ledger: the one write path (`Store`) and the tables it writes."""

from coprod.store.ledger import Store, to_url
from coprod.store.queries import Counts, FactFilter

__all__ = ["Counts", "FactFilter", "Store", "to_url"]
