import os
from pathlib import Path

import pytest

from coprod.ingest.files import Found, find_files, load_text, text_or_skip
from coprod.model import Skipped


def _write(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("text", encoding="utf-8")


def test_folders_are_walked_in_name_order_with_ids_relative_to_root(tmp_path: Path) -> None:
    _write(tmp_path, "b.txt", "a/z.txt", "a/b/c.txt", "c.html")
    found = list(find_files(tmp_path))
    assert [f.doc_id for f in found if isinstance(f, Found)] == [
        "a/b/c.txt",
        "a/z.txt",
        "b.txt",
        "c.html",
    ]


def test_a_file_root_gets_its_name_as_id(tmp_path: Path) -> None:
    _write(tmp_path, "news/a.txt")
    assert list(find_files(tmp_path / "news" / "a.txt")) == [
        Found(tmp_path / "news" / "a.txt", "a.txt")
    ]


def test_hidden_entries_are_passed_over(tmp_path: Path) -> None:
    _write(tmp_path, ".git/config.txt", ".DS_Store", "kept.txt")
    assert [f.doc_id for f in find_files(tmp_path) if isinstance(f, Found)] == ["kept.txt"]


def test_missing_root_is_not_found(tmp_path: Path) -> None:
    [skip] = find_files(tmp_path / "missing")
    assert isinstance(skip, Skipped) and skip.reason == "not_found"


def test_folder_links_and_broken_links_are_reported_not_followed(tmp_path: Path) -> None:
    _write(tmp_path, "real/a.txt")
    os.symlink(tmp_path, tmp_path / "real" / "loop")
    os.symlink(tmp_path / "gone.txt", tmp_path / "broken.txt")
    found = list(find_files(tmp_path))
    skipped = sorted((Path(s.source).name, s.reason) for s in found if isinstance(s, Skipped))
    assert skipped == [("broken.txt", "unsupported"), ("loop", "unsupported")]
    assert [f.doc_id for f in found if isinstance(f, Found)] == ["real/a.txt"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can list any folder")
def test_unlistable_folder_is_unreadable(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0)
    try:
        [skip] = find_files(tmp_path)
        assert isinstance(skip, Skipped) and skip.reason == "unreadable"
    finally:
        locked.chmod(0o700)


def test_load_text_checks_size_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:
        handle.truncate(1001)  # sparse: NUL bytes, which would read as binary if read
    skip = load_text(path, max_bytes=1000)
    assert isinstance(skip, Skipped) and skip.reason == "too_large"
    assert "1,001 bytes" in skip.detail


def test_load_text_normalises(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Cafe\u0301\r\nline\n".encode())
    assert load_text(path, max_bytes=1000) == "Café\nline\n"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"GIF89a\x00\x01\x00\x01", "binary"),
        (b"\x01\x02\x03\x04\x05\x06abc", "binary"),
        (b"", "empty"),
        (b" \n\t\r\n", "empty"),
        (b"\xef\xbb\xbf\n", "empty"),
    ],
)
def test_text_or_skip_names_bad_content(data: bytes, reason: str) -> None:
    skip = text_or_skip(data, "x")
    assert isinstance(skip, Skipped) and skip.reason == reason
