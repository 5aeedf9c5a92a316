"""The Store: opening and migrating, idempotent writes, batches, runs, and the round trip."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st

from coprod.errors import StoreError
from coprod.model import Agreement, Commitment, Document, Fact, GdpPledge, Target, fact_from_dict
from coprod.store import Store, shown_url, to_url
from coprod.store.engine import STALE_HEARTBEAT
from coprod.store.tables import runs
from tests.samples import DENMARK, DOCUMENTS, LITHUANIA, facts_of


@pytest.fixture
def store(ledger_url: str) -> Iterator[Store]:
    store = Store.open(ledger_url)
    yield store
    store.close()


def stored_ids(url: str) -> list[str]:
    """The documents another reader sees: what has been committed."""
    engine = sa.create_engine(to_url(url))
    with engine.connect() as connection:
        ids = list(connection.scalars(sa.text("SELECT id FROM documents ORDER BY id")))
    engine.dispose()
    return ids


def test_to_url_turns_paths_into_sqlite_urls_and_keeps_urls() -> None:
    assert to_url("ledger.db") == "sqlite:///ledger.db"
    assert to_url("/data/ledger.db") == "sqlite:////data/ledger.db"
    assert to_url("postgresql://127.0.0.1/coprod") == "postgresql://127.0.0.1/coprod"


def test_shown_url_masks_a_password() -> None:
    assert shown_url("postgresql://ana:secret@db/coprod") == "postgresql://ana:***@db/coprod"
    assert shown_url("ledger.db") == "ledger.db"
    with pytest.raises(StoreError) as caught:
        Store.open("nosuchdb://ana:secret@somewhere/ledger")
    assert "secret" not in str(caught.value)


def test_open_creates_a_ledger_file_at_a_path_or_url(tmp_path: Path) -> None:
    Store.open(str(tmp_path / "a.db")).close()
    Store.open(f"sqlite:///{tmp_path / 'b.db'}").close()
    for name in ("a.db", "b.db"):
        with sqlite3.connect(tmp_path / name) as connection:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        assert {"documents", "facts", "skipped", "runs", "alembic_version"} <= tables


def test_open_refuses_what_is_not_a_ledger(tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / "other.db") as connection:
        connection.execute("CREATE TABLE notes (text TEXT)")
    (tmp_path / "junk.db").write_bytes(b"this is not a database, just some bytes" * 100)
    for name in ("other.db", "junk.db", "missing-dir/ledger.db"):
        with pytest.raises(StoreError, match="cannot open ledger"):
            Store.open(str(tmp_path / name))


def test_open_without_create_needs_an_existing_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no ledger at"):
        Store.open(str(tmp_path / "typo.db"), create=False)
    assert not (tmp_path / "typo.db").exists()
    Store.open(str(tmp_path / "real.db")).close()
    Store.open(str(tmp_path / "real.db"), create=False).close()
    Store.open("sqlite://", create=False).close()  # in memory: nothing to be missing


def test_open_refuses_an_unknown_database_kind() -> None:
    with pytest.raises(StoreError, match="cannot open ledger"):
        Store.open("nosuchdb://somewhere/ledger")


def test_adding_a_known_document_is_a_no_op(store: Store, ledger_url: str) -> None:
    assert store.add_document(DENMARK) is True
    assert store.add_document(replace(DENMARK, id="copy", url="https://mirror.example")) is False
    assert store.has_document(DENMARK.sha256)
    assert stored_ids(ledger_url) == ["dk-1"]


def test_adding_the_same_facts_again_adds_nothing(store: Store) -> None:
    store.add_document(DENMARK)
    facts = facts_of(DENMARK)
    assert store.add_facts(DENMARK.sha256, facts + facts) == 2
    assert store.add_facts(DENMARK.sha256, facts) == 0
    assert store.add_facts(DENMARK.sha256, []) == 0
    assert len(store.facts()) == 2


def test_a_batch_commits_every_batch_size_documents(ledger_url: str) -> None:
    store = Store.open(ledger_url, batch_size=2)
    with store.batch():
        for doc in DOCUMENTS:
            store.add_document(doc)
            store.add_facts(doc.sha256, facts_of(doc))
        assert stored_ids(ledger_url) == ["dk-1", "lt-1"]  # the third waits for the batch's end
    assert stored_ids(ledger_url) == ["dk-1", "lt-1", "ua-1"]
    store.close()


def test_a_slow_batch_commits_after_batch_seconds(ledger_url: str) -> None:
    store = Store.open(ledger_url, batch_size=1000)
    store.batch_seconds = 0.0  # as if each document took longer than the limit to arrive
    with store.batch():
        for doc in DOCUMENTS:
            store.add_document(doc)
            store.add_facts(doc.sha256, facts_of(doc))
        assert stored_ids(ledger_url) == ["dk-1", "lt-1"]  # each committed as the next came
    store.close()


def test_an_error_rolls_back_only_the_open_batch(ledger_url: str) -> None:
    store = Store.open(ledger_url, batch_size=2)
    with pytest.raises(RuntimeError), store.batch():
        for doc in DOCUMENTS:
            store.add_document(doc)
        raise RuntimeError("crash")
    assert stored_ids(ledger_url) == ["dk-1", "lt-1"]
    assert store.counts().facts["commitment"] == 0
    store.close()


def test_runs_record_status_and_counts(store: Store) -> None:
    run = store.begin_run("demo")
    assert store.runs()[0]["status"] == "running"
    store.finish_run(run, "finished", {"new": 3})
    latest = store.runs()[0]
    assert (latest["id"], latest["label"], latest["status"], latest["counts"]) == (
        run,
        "demo",
        "finished",
        {"new": 3},
    )
    assert latest["finished"] >= latest["started"]
    with pytest.raises(ValueError, match="unknown run status"):
        store.finish_run(run, "done")


def dead_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def set_run(url: str, run_id: int, **values: Any) -> None:
    """Change a run's row as another process (or host, or time) would have left it."""
    engine = sa.create_engine(to_url(url))
    with engine.begin() as connection:
        connection.execute(sa.update(runs).where(runs.c.id == run_id).values(values))
    engine.dispose()


def statuses(store: Store) -> dict[int, str]:
    return {run["id"]: run["status"] for run in store.runs()}


def test_a_run_left_running_by_a_dead_process_is_interrupted_on_next_open(
    ledger_url: str,
) -> None:
    with Store.open(ledger_url) as store:
        done, crashed = store.begin_run(), store.begin_run()
        store.finish_run(done)
    set_run(ledger_url, crashed, pid=dead_pid())
    with Store.open(ledger_url) as store:
        assert statuses(store) == {done: "finished", crashed: "interrupted"}
        assert store.interrupted_runs == [crashed]


def test_a_live_run_of_another_writer_is_never_interrupted(ledger_url: str) -> None:
    with Store.open(ledger_url) as ingesting:
        alive = ingesting.begin_run()  # this process: alive, heartbeat fresh
        elsewhere = ingesting.begin_run()
        set_run(ledger_url, elsewhere, host=f"not-{socket.gethostname()}", pid=dead_pid())
        with Store.open(ledger_url) as writer:
            assert writer.interrupted_runs == []
            assert statuses(writer) == {alive: "running", elsewhere: "running"}
        ingesting.finish_run(alive)
        ingesting.finish_run(elsewhere)


def test_a_run_silent_past_the_threshold_is_interrupted_even_if_its_pid_lives(
    ledger_url: str,
) -> None:
    with Store.open(ledger_url) as store:
        silent, other_host, fresh = store.begin_run(), store.begin_run(), store.begin_run()
        old = datetime.now(UTC) - STALE_HEARTBEAT * 1.5
        set_run(ledger_url, silent, heartbeat=old)  # this process's pid: alive
        set_run(ledger_url, other_host, heartbeat=old, host="elsewhere", pid=1)
        with Store.open(ledger_url) as writer:
            assert writer.interrupted_runs == [silent, other_host]
            assert statuses(writer)[fresh] == "running"


def test_each_batch_commit_renews_the_heartbeat(ledger_url: str) -> None:
    with Store.open(ledger_url, batch_size=1) as store:
        run = store.begin_run()
        old = datetime(2020, 1, 1, tzinfo=UTC)
        set_run(ledger_url, run, heartbeat=old)
        with store.batch():
            store.add_document(DOCUMENTS[0], run)
            store.add_document(DOCUMENTS[1], run)  # commits the batch holding the first
            beat = store.runs()[0]["heartbeat"]
        assert beat.replace(tzinfo=beat.tzinfo or UTC) > old
        row = store.runs()[0]
        assert (row["pid"], row["host"]) == (os.getpid(), socket.gethostname())


def test_a_reader_leaves_a_running_run_alone(ledger_url: str) -> None:
    with Store.open(ledger_url) as store:
        running = store.begin_run()  # perhaps alive, ingesting in another process
    set_run(ledger_url, running, pid=dead_pid())
    with Store.open(ledger_url, create=False) as reader:
        assert reader.runs()[0]["status"] == "running" and reader.interrupted_runs == []
    with Store.open(ledger_url) as writer:
        assert writer.interrupted_runs == [running]


def test_a_document_stored_by_another_writer_meanwhile_is_known_not_fatal(
    ledger_url: str,
) -> None:
    with Store.open(ledger_url) as first, Store.open(ledger_url) as second:
        doc = DOCUMENTS[0]
        assert not first.has_document(doc.sha256) and not second.has_document(doc.sha256)
        assert second.add_document(doc) is True
        assert first.add_document(doc) is False  # it had looked before the other wrote
        facts = facts_of(doc)
        assert second.add_facts(doc.sha256, facts) == len(facts)
        assert first.add_facts(doc.sha256, facts) == 0
        assert first.counts().documents == 1


def test_facts_need_their_document_stored_first(store: Store) -> None:
    with pytest.raises(StoreError, match=r"(?i)foreign key"):
        store.add_facts(LITHUANIA.sha256, facts_of(LITHUANIA))


# -- the round trip: Fact → store → Fact -----------------------------------------------

codes = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=4)
words = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=40)
numbers = st.floats(allow_nan=False, allow_infinity=False)
ints = st.integers(min_value=-(2**31), max_value=2**31 - 1)  # INTEGER, portably
maybe = st.none

common = {
    "evidence": words,
    "start": ints,
    "end": ints,
    "confidence": numbers,
    "extractor": words,
    "notes": st.lists(words, max_size=3),
}
any_fact: st.SearchStrategy[Fact] = st.one_of(
    st.builds(
        Commitment,
        funder=st.lists(codes, max_size=3),
        amount=numbers | maybe(),
        currency=codes | maybe(),
        alt=st.lists(st.tuples(numbers, codes), max_size=2),
        qualifier=words,
        mechanism=words | maybe(),
        categories=st.lists(words, max_size=2),
        status=words | maybe(),
        cumulative=st.booleans(),
        year=ints | maybe(),
        **common,
    ),
    st.builds(GdpPledge, funder=st.lists(codes), share_pct=numbers, period=words, **common),
    st.builds(
        Agreement,
        parties=st.lists(codes, max_size=3),
        kind=words,
        stage=words | maybe(),
        host=codes | maybe(),
        companies=st.lists(words, max_size=2),
        categories=st.lists(words, max_size=2),
        date=words | maybe(),
        **common,
    ),
    st.builds(
        Target,
        subject=codes | maybe(),
        metric=words,
        value=numbers,
        unit=words | maybe(),
        qualifier=words,
        mechanism=words | maybe(),
        year=ints | maybe(),
        **common,
    ),
)


@pytest.fixture(scope="module")
def shared_store(shared_ledger_url: str) -> Iterator[Store]:
    store = Store.open(shared_ledger_url)
    yield store
    store.close()


@settings(max_examples=150, deadline=None)
@given(fact=any_fact)
def test_a_fact_comes_back_from_the_store_unchanged(shared_store: Store, fact: Fact) -> None:
    doc = Document(id="round-trip", text=uuid.uuid4().hex)
    shared_store.add_document(doc)
    shared_store.add_facts(doc.sha256, [fact])
    rows = [row for row in shared_store.facts() if row["document_sha"] == doc.sha256]
    assert [fact_from_dict(row) for row in rows] == [fact]
