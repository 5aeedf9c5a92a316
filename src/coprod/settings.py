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


@dataclass(frozen=True)
class Settings:
    db: str = DEFAULT_DB
    max_doc_bytes: int = MAX_DOC_BYTES
    max_jsonl_line_bytes: int = MAX_JSONL_LINE_BYTES
    batch_size: int = BATCH_SIZE

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, then COPROD_<NAME> variables, then non-None keyword overrides."""
        env = dict(os.environ) if env is None else env
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(f"COPROD_{f.name.upper()}")
            if raw is not None and raw != "":
                values[f.name] = int(raw) if f.type in ("int", int) else raw
        settings = cls(**values)
        chosen = {k: v for k, v in overrides.items() if v is not None}
        return replace(settings, **chosen)

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}
