"""A regular expression for a large set of literal phrases, built as a trie.

Python's `re` tries the branches of an alternation one by one at every position; with the
phrases merged by common prefix ("Den(?:mark|mark's)") it rules most positions out after
one character. The pattern matches the same strings as the plain alternation, longest
first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""  # key marking that a phrase ends at this node
Trie = dict[str, "Trie"]


def _insert(trie: Trie, phrase: str) -> None:
    node = trie
    for char in phrase:
        node = node.setdefault(char, {})
    node[_END] = {}


def _pattern(node: Trie) -> str:
    ends = _END in node
    branches = [re.escape(char) + _pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return f"(?:{body})?"
    return body


def trie_pattern(phrases: Iterable[str]) -> str:
    """One regex alternation matching exactly `phrases`, preferring the longest."""
    trie: Trie = {}
    for phrase in phrases:
        if phrase:
            _insert(trie, phrase)
    return _pattern(trie)
