"""fetch_state rows: read back as written, replaced on the next fetch, kept with a batch."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from coprod.ingest.fetch import FetchState
from coprod.store import Store


def test_a_state_is_read_back_and_replaced(ledger_url: str) -> None:
    with Store.open(ledger_url) as store:
        assert store.fetch_state("https://a.example/") is None
        when = datetime(2025, 7, 4, 10, tzinfo=UTC)
        first = FetchState(
            "https://a.example/", "https://a.example/x", '"e"', "Fri", 200, "a" * 64, when
        )
        store.save_fetch_state(first)
        got = store.fetch_state("https://a.example/")
        assert got is not None and got.etag == '"e"' and got.content_sha == "a" * 64
        assert got.fetched_at is not None and got.fetched_at.replace(tzinfo=UTC) == when
        store.save_fetch_state(FetchState("https://a.example/", status=404))
        again = store.fetch_state("https://a.example/")
        assert again is not None and (again.status, again.etag) == (404, None)
        assert again.fetched_at is not None


def test_a_state_written_in_a_batch_commits_with_it(tmp_path: Path) -> None:
    db = str(tmp_path / "l.db")
    with Store.open(db) as store:
        try:
            with store.batch():
                store.save_fetch_state(FetchState("https://a.example/", status=200))
                assert store.fetch_state("https://a.example/") is not None  # seen inside
                raise KeyboardInterrupt
        except KeyboardInterrupt:
            pass
        assert store.fetch_state("https://a.example/") is None  # rolled back with the batch
