"""One settings object, read once. Every knob: a default, a COPROD_* variable, a CLI flag.

Precedence: CLI flag > environment variable > default. `coprod config` prints the result.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from typing import Any

DEFAULT_DB = "coprod.db"
MAX_DOC_BYTES = 10_000_000  # a news article is < 1 MB; 10 MB leaves room for huge pages
MAX_JSONL_LINE_BYTES = 20_000_000  # one JSONL record may carry a whole long article
BATCH_SIZE = 200  # documents committed per transaction while ingesting
USER_AGENT = "coprod/0.1 (tracker of defence cooperation with Ukraine; reads public news only)"
FETCH_TIMEOUT = 20.0  # seconds for connect and for each read; a server that never answers is cut
FETCH_RETRIES = 3  # attempts after the first for 5xx and network errors, with backoff
HOST_RATE = 1.0  # requests per second to any one host: a polite crawler's pace
MAX_RESPONSE_BYTES = 5_000_000  # a news page is well under 1 MB; bigger is refused unread
MAX_DECOMPRESSED_BYTES = 2_000_000_000  # a .gz input may not inflate past this (bomb guard)
MAX_COMPRESSION_RATIO = 200  # inflated/compressed past this is a decompression bomb
MAX_HTML_ELEMENTS = 20_000  # a news page has a few thousand; trafilatura slows sharply past this
NEAR_DUPLICATE_THRESHOLD = 0.8  # Jaccard similarity (MinHash) at which a story is a republication
MINHASH_PERMUTATIONS = 128  # MinHash size: precision of the similarity estimate
EXTRACT_LANGUAGES = "en"  # comma-separated: languages the extraction rules read
# A scaled-out run's unit of work: about 1,000 articles of JSON Lines, a few seconds of one
# worker's time; small enough to spread evenly over workers, large enough that handing one
# out costs little beside reading it.
PARTITION_BYTES = 2_000_000


@dataclass(frozen=True)
class Settings:
    db: str = DEFAULT_DB
    max_doc_bytes: int = MAX_DOC_BYTES
    max_jsonl_line_bytes: int = MAX_JSONL_LINE_BYTES
    batch_size: int = BATCH_SIZE
    user_agent: str = USER_AGENT
    fetch_timeout: float = FETCH_TIMEOUT
    fetch_retries: int = FETCH_RETRIES
    host_rate: float = HOST_RATE
    max_response_bytes: int = MAX_RESPONSE_BYTES
    max_decompressed_bytes: int = MAX_DECOMPRESSED_BYTES
    max_compression_ratio: int = MAX_COMPRESSION_RATIO
    max_html_elements: int = MAX_HTML_ELEMENTS
    near_duplicate_threshold: float = NEAR_DUPLICATE_THRESHOLD
    minhash_permutations: int = MINHASH_PERMUTATIONS
    extract_languages: str = EXTRACT_LANGUAGES
    partition_bytes: int = PARTITION_BYTES

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, then COPROD_<NAME> variables, then non-None keyword overrides."""
        env = dict(os.environ) if env is None else env
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(f"COPROD_{f.name.upper()}")
            if raw is not None and raw != "":
                values[f.name] = _parse(f.type, raw, f.name)
        settings = cls(**values)
        chosen = {k: v for k, v in overrides.items() if v is not None}
        return replace(settings, **chosen)

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _parse(kind: object, raw: str, name: str) -> Any:
    """A COPROD_* value as its setting's type; a malformed number is a clear error."""
    from coprod.errors import InputError

    try:
        if kind in ("int", int):
            return int(raw)
        if kind in ("float", float):
            return float(raw)
    except ValueError:
        raise InputError(f"COPROD_{name.upper()}={raw!r} is not a number") from None
    return raw
