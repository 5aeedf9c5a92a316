"""Near-duplicates: the same wire story republished with a new headline, or trimmed.

Each document gets a MinHash signature of its word shingles; an LSH index over the
signatures finds earlier documents whose estimated Jaccard similarity reaches the
threshold. Every copy links to the group's first document, so a group is a star: one
original and the republications that point at it. Exact duplicates need none of this:
they share a content hash.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

SHINGLE_WORDS = 3  # word triples: a shared phrase is not a shared story, a shared paragraph is
MIN_WORDS = 30  # shorter texts (one-liners, headlines) are too short to call republications
_WORD = re.compile(r"\w+")
SEED = 1  # datasketch's default seed: every signature here is drawn with it
SCHEME = "affine32"  # datasketch's permutation scheme: 32-bit hash values
_DTYPE = np.dtype("<u4")  # signatures are stored little-endian, 4 bytes per permutation
# LSH band weights (false positives, false negatives): favour recall, because every
# candidate is checked against the threshold on its full signature before it counts.
LSH_WEIGHTS = (0.1, 0.9)


def shingles(text: str) -> set[bytes]:
    """The text's word n-grams, lower case, punctuation and spacing ignored."""
    words = _WORD.findall(text.lower())
    if len(words) < MIN_WORDS:
        return set()
    return {
        " ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8")
        for i in range(len(words) - SHINGLE_WORDS + 1)
    }


def signature(text: str, num_perm: int) -> MinHash | None:
    """The MinHash of `text`'s shingles; None for a text too short to compare."""
    grams = shingles(text)
    if not grams:
        return None
    minhash = MinHash(num_perm=num_perm, scheme=SCHEME)
    minhash.update_batch(list(grams))
    return minhash


def to_bytes(minhash: MinHash) -> bytes:
    """A signature as compact bytes: its hash values, 4 bytes each."""
    return np.asarray(minhash.hashvalues, dtype=_DTYPE).tobytes()


def from_bytes(data: bytes) -> LeanMinHash:
    """The signature `to_bytes` wrote, as a LeanMinHash: it compares and indexes like a
    MinHash without drawing the permutations again (most of a MinHash's cost to build)."""
    values = np.frombuffer(data, dtype=_DTYPE).astype(np.uint32)
    return LeanMinHash(seed=SEED, hashvalues=values, scheme=SCHEME)


class NearDuplicates:
    """An LSH index of the documents seen so far, each linked to its group's first document."""

    def __init__(self, threshold: float, num_perm: int) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=LSH_WEIGHTS)
        self._signatures: dict[str, MinHash] = {}
        self._order: dict[str, int] = {}  # sha → when it was added: earlier is the original
        self._original: dict[str, str] = {}  # sha → the group's first document

    def __len__(self) -> int:
        return len(self._signatures)

    def load(self, stored: Iterable[tuple[str, bytes, str | None]]) -> None:
        """Index signatures from the ledger: (sha, signature bytes, near_duplicate_of)."""
        for sha, data, original in stored:
            minhash = from_bytes(data)
            if len(minhash) == self.num_perm:  # signatures of another size cannot be compared
                self.add(sha, minhash, original)

    def find(self, minhash: MinHash) -> str | None:
        """The first document of the group `minhash` republishes, or None for a new story."""
        matches = [
            sha
            for sha in self._lsh.query(minhash)
            if self._signatures[sha].jaccard(minhash) >= self.threshold
        ]
        if not matches:
            return None
        return self._original[min(matches, key=self._order.__getitem__)]

    def add(self, sha: str, minhash: MinHash, original: str | None = None) -> None:
        """Index document `sha`; `original` is the group's first document when it is a copy."""
        if sha in self._signatures:
            return
        self._lsh.insert(sha, minhash)
        self._signatures[sha] = minhash
        self._order[sha] = len(self._order)
        self._original[sha] = original or sha
