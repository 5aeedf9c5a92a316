"""coprod: an evidence-linked tracker of defence-industrial cooperation with Ukraine.

The public Python API is `__all__`; everything else is private by convention.

    >>> import coprod
    >>> report = coprod.ingest(["articles/"], db="ledger.db")
    >>> coprod.facts(db="ledger.db", type="commitment", funder="DNK")  # a DataFrame
    >>> coprod.scoreboard(db="ledger.db")  # one row per partner: EUR, USD, % of GDP
    >>> coprod.review("confirm", [12], why="ministry release", by="ana", db="ledger.db")

The database layer and pandas load when first used, so that importing `coprod.model`
stays light for every stage.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

# The stage packages `coprod.extract` and `coprod.ingest` share their names with the API
# functions `extract` and `ingest` below. Loading them first lets the functions have the
# names: Python binds a subpackage to its parent's attribute only when it first loads it.
# (Reach the packages with `from coprod.ingest import ...` or `sys.modules`.)
import coprod.extract as _extract_stage
import coprod.ingest as _ingest_stage  # noqa: F401  (loaded for its name; see above)
from coprod.errors import CoprodError
from coprod.model import Agreement, Commitment, Document, Fact, GdpPledge, Skipped, Target
from coprod.settings import Settings

if TYPE_CHECKING:
    import pandas as pd

    from coprod.pipeline import IngestReport
    from coprod.store import Store

__version__ = "0.1.0"

__all__ = [
    "Agreement",
    "Commitment",
    "CoprodError",
    "Document",
    "Fact",
    "GdpPledge",
    "IngestReport",
    "Skipped",
    "Store",
    "Target",
    "entries",
    "export",
    "extract",
    "facts",
    "ingest",
    "review",
    "scoreboard",
]


def ingest(
    paths: str | Path | Iterable[str | Path],
    db: str | None = None,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
) -> IngestReport:
    """Read files or folders into the ledger `db` (default: $COPROD_DB, else coprod.db).

    With `workers` (a local Dask cluster of that many processes) or `scheduler` (the
    address of a running one), workers read and extract; this process writes the ledger."""
    from coprod.pipeline import ingest_paths
    from coprod.store import Store

    settings = Settings.from_env(db=db)
    roots = [paths] if isinstance(paths, str | Path) else list(paths)
    if workers is None and scheduler is None:
        with Store.open(settings.db, settings.batch_size) as store:
            return ingest_paths(roots, store, settings)
    from coprod.scale import dask_client, ingest_scaled

    if scheduler is not None:  # workers elsewhere open files by absolute path
        roots = [Path(root).resolve() for root in roots]

    with (
        dask_client(workers, scheduler) as client,
        Store.open(settings.db, settings.batch_size) as store,
    ):
        return ingest_scaled(roots, store, settings, client)


def extract(text_or_document: str | Document, date: str | None = None) -> list[Fact]:
    """The facts a text states. `date` (YYYY-MM-DD) is its publication date, which
    resolves relative dates such as "on Friday"; a Document's own date is kept otherwise."""
    if isinstance(text_or_document, Document):
        doc = text_or_document
    else:
        doc = Document(id="text", text=text_or_document)
    return _extract_stage.extract_facts(doc if date is None else replace(doc, date=date))


def facts(db: str | None = None, all_copies: bool = False, **filters: str | None) -> pd.DataFrame:
    """The ledger's facts, one row each with its source, as a pandas DataFrame.

    Filters as `Store.facts`: type, funder, party, funder_or_party, mechanism, since, until.
    A story republished elsewhere gives its facts once, unless `all_copies`.
    """
    import pandas as pd

    from coprod.store import FACT_ROW_KEYS, Store

    settings = Settings.from_env(db=db)
    with Store.open(settings.db, create=False) as store:
        rows = store.facts(all_copies=all_copies, **filters)
    return pd.DataFrame(rows, columns=list(FACT_ROW_KEYS))


def entries(db: str | None = None, type: str | None = None) -> pd.DataFrame:
    """The reconciled ledger: one row per real deal, pledge, agreement or target, with
    its figure in EUR and USD (ECB rate, day and rates used), the URLs of every report,
    and whether it is counted, inside a running total, or in conflict."""
    import pandas as pd

    with _store(db) as store:
        return pd.DataFrame(store.entries(type))


def scoreboard(db: str | None = None) -> pd.DataFrame:
    """One row per partner: counted EUR and USD, share of GDP against 0.25%, conflicts."""
    import pandas as pd

    from coprod.views.scoreboard import as_rows, build_scoreboard

    with _store(db) as store:
        return pd.DataFrame(as_rows(build_scoreboard(store)))


def review(
    action: str,
    facts: Iterable[int | str],
    *,
    why: str,
    by: str | None = None,
    fields: dict[str, Any] | None = None,
    db: str | None = None,
) -> int:
    """Record an analyst's decision (confirm, correct, reject, merge, split) on facts (by
    id) or entries (by key prefix) in the audit log, and reconcile; returns its id.
    `fields` are a correction's new values, e.g. {"amount": 20000000.0}."""
    from coprod.reconcile.review import record

    with _store(db) as store:
        decision, _ = record(store, action, [str(f) for f in facts], why=why, by=by, fields=fields)
    return int(decision.id or 0)


def export(format: str, out: str | Path, table: str | None = None, db: str | None = None) -> None:
    """Write the ledger to `out` as csv, xlsx, parquet or json (`coprod export`'s tables)."""
    from coprod.views.export import DEFAULT_TABLE, ONE_TABLE, TABLES, export_tables, write_export

    names = [table] if table else ([DEFAULT_TABLE] if format in ONE_TABLE else list(TABLES))
    with _store(db) as store:
        write_export(format, export_tables(store, names), Path(out))


def _store(db: str | None) -> Store:
    from coprod.store import Store

    settings = Settings.from_env(db=db)
    return Store.open(settings.db, settings.batch_size, create=False)


def __getattr__(name: str) -> Any:
    """`Store` and `IngestReport`, imported on first use."""
    if name == "Store":
        from coprod.store import Store

        return Store
    if name == "IngestReport":
        from coprod.pipeline import IngestReport

        return IngestReport
    raise AttributeError(f"module 'coprod' has no attribute {name!r}")
