"""Near-duplicates by MinHash/LSH: a republished wire story is found, another story is not."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from coprod.ingest.dedupe import (
    MIN_WORDS,
    NearDuplicates,
    from_bytes,
    shingles,
    signature,
    to_bytes,
)
from tests.ingest.wire import ORIGINAL, REPUBLISHED, UNRELATED

PERMS = 128


def sign(text: str):  # type: ignore[no-untyped-def]
    minhash = signature(text, PERMS)
    assert minhash is not None
    return minhash


def index(*docs: tuple[str, str]) -> NearDuplicates:
    near = NearDuplicates(threshold=0.8, num_perm=PERMS)
    for sha, text in docs:
        near.add(sha, sign(text), near.find(sign(text)))
    return near


def test_a_story_republished_with_a_new_headline_and_trimmed_is_found() -> None:
    near = index(("original", ORIGINAL))
    assert near.find(sign(REPUBLISHED)) == "original"


def test_an_unrelated_story_on_the_same_subject_is_not() -> None:
    near = index(("original", ORIGINAL))
    assert near.find(sign(UNRELATED)) is None


def test_a_copy_of_a_copy_links_to_the_group_s_first_document() -> None:
    near = index(("original", ORIGINAL), ("copy", REPUBLISHED))
    retrimmed = REPUBLISHED.replace("Danes pay", "Danes to pay")
    assert near.find(sign(retrimmed)) == "original"
    assert len(near) == 2


def test_a_short_text_has_no_signature() -> None:
    assert signature(" ".join(["word"] * (MIN_WORDS - 1)), PERMS) is None
    assert shingles("Denmark and Ukraine signed a deal.") == set()


def test_signatures_load_from_the_ledger_s_bytes() -> None:
    near = NearDuplicates(threshold=0.8, num_perm=PERMS)
    near.load([("original", to_bytes(sign(ORIGINAL)), None)])
    near.load([("other-size", to_bytes(sign(ORIGINAL))[:64], None)])  # 16 permutations: ignored
    assert near.find(sign(REPUBLISHED)) == "original"
    assert len(near) == 1


@given(st.lists(st.text(min_size=1, max_size=12), min_size=MIN_WORDS, max_size=80))
def test_a_signature_survives_its_byte_form(words: list[str]) -> None:
    minhash = signature(" ".join(f"w{w}" for w in words), PERMS)
    assert minhash is not None
    data = to_bytes(minhash)
    assert len(data) == 4 * PERMS
    back = from_bytes(data)
    assert (back.hashvalues == minhash.hashvalues).all() and back.jaccard(minhash) == 1.0


@given(st.lists(st.integers(0, 2**32 - 1), min_size=1, max_size=256))
def test_any_hash_values_survive_their_byte_form(values: list[int]) -> None:
    data = to_bytes(from_bytes(np.array(values, dtype="<u4").tobytes()))
    assert np.frombuffer(data, dtype="<u4").tolist() == values
