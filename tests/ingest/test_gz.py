import gzip
import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from coprod.ingest.decode import normalise
from coprod.ingest.gz import GuardedGzip, InflateLimit, read_jsonl_gz
from coprod.model import Document, Skipped
from coprod.settings import Settings


def _write_jsonl_gz(path: Path, records: list[dict[str, str]]) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record) + "\n")
    return path


def _write_zeros_gz(path: Path, megabytes: int) -> Path:
    with gzip.open(path, "wb") as out:
        for _ in range(megabytes):
            out.write(bytes(1 << 20))
    return path


def test_jsonl_gz_yields_one_document_per_line_with_file_and_line_named(tmp_path: Path) -> None:
    path = _write_jsonl_gz(
        tmp_path / "news.jsonl.gz",
        [{"id": "a", "text": "Denmark pays for drones."}, {"text": "Norway joins."}],
    )
    docs = list(read_jsonl_gz(path, "news.jsonl.gz", Settings()))
    assert [d.text for d in docs if isinstance(d, Document)] == [
        "Denmark pays for drones.",
        "Norway joins.",
    ]
    assert [(d.id, d.source) for d in docs if isinstance(d, Document)] == [
        ("a", f"{path}:1"),
        ("news.jsonl.gz:2", f"{path}:2"),
    ]


def test_a_bad_line_is_skipped_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"text": "one"}\n{not json\n{"text": "three"}\n'))
    items = list(read_jsonl_gz(path, "bad", Settings()))
    assert [type(i).__name__ for i in items] == ["Document", "Skipped", "Document"]
    assert isinstance(items[1], Skipped) and items[1].reason == "bad_json"


def test_gzip_bomb_is_stopped_by_the_size_limit(tmp_path: Path) -> None:
    path = _write_zeros_gz(tmp_path / "bomb.jsonl.gz", 20)
    items = list(read_jsonl_gz(path, "bomb", Settings(max_decompressed_bytes=2_000_000)))
    assert items[-1].reason == "decompression_bomb"
    assert isinstance(items[-1], Skipped) and items[-1].source == str(path)
    assert "max_decompressed_bytes" in items[-1].detail


def test_gzip_bomb_is_stopped_by_the_ratio_limit(tmp_path: Path) -> None:
    path = _write_zeros_gz(tmp_path / "bomb.jsonl.gz", 20)
    assert path.stat().st_size < 100_000  # 20 MB of zeros: a ratio of about 1,000
    items = list(read_jsonl_gz(path, "bomb", Settings()))
    assert isinstance(items[-1], Skipped) and items[-1].reason == "decompression_bomb"
    assert "max_compression_ratio" in items[-1].detail


def test_the_guard_never_inflates_past_the_limit(tmp_path: Path) -> None:
    path = _write_zeros_gz(tmp_path / "zeros.gz", 4)
    with path.open("rb") as raw:
        stream = GuardedGzip(raw, max_bytes=1_000_000, max_ratio=10_000)
        total = 0
        try:
            while chunk := stream.read(300_000):
                total += len(chunk)
        except InflateLimit:
            pass
        assert total <= 1_000_001 and stream.tell() <= 1_000_001


def test_truncated_gzip_keeps_the_lines_before_and_names_the_damage(tmp_path: Path) -> None:
    lines = b"".join(b'{"text": "story %d"}\n' % n for n in range(2000))
    path = tmp_path / "cut.jsonl.gz"
    data = gzip.compress(lines)
    path.write_bytes(data[: len(data) // 2])
    items = list(read_jsonl_gz(path, "cut", Settings()))
    assert isinstance(items[0], Document) and items[0].text == "story 0"
    assert isinstance(items[-1], Skipped) and items[-1].reason == "bad_gzip"


def test_a_file_that_is_not_gzip_is_named(tmp_path: Path) -> None:
    path = tmp_path / "plain.jsonl.gz"
    path.write_bytes(b'{"text": "not compressed"}\n')
    items = list(read_jsonl_gz(path, "plain", Settings()))
    assert len(items) == 1 and isinstance(items[0], Skipped) and items[0].reason == "bad_gzip"


_TEXT = st.text(min_size=1, max_size=200).filter(lambda t: t.strip() != "")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.text(min_size=1, max_size=20), _TEXT), min_size=1, max_size=8))
def test_jsonl_gz_round_trips_records(records: list[tuple[str, str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.jsonl.gz"
        _write_jsonl_gz(path, [{"id": i, "text": t} for i, t in records])
        docs = list(read_jsonl_gz(path, "r", Settings()))
    assert all(isinstance(d, Document) for d in docs)
    assert [(d.id, d.text) for d in docs if isinstance(d, Document)] == [
        (i, normalise(t)) for i, t in records
    ]
