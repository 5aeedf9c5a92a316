"""Facts as CSV or JSON text: one row per fact, with its source and evidence.

CSV cells hold lists and booleans as JSON (`["DNK", "NOR"]`, `true`) so that every cell
reads back without guessing; an unstated field is an empty cell.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from coprod.store import FACT_ROW_KEYS, FactRow


def facts_csv(rows: Sequence[FactRow]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FACT_ROW_KEYS)  # RFC 4180: CRLF, so a lone CR is quoted
    writer.writeheader()
    writer.writerows({key: _cell(row[key]) for key in FACT_ROW_KEYS} for row in rows)
    return out.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, list | tuple | dict | bool):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def facts_json(rows: Sequence[FactRow]) -> str:
    return json.dumps(list(rows), indent=2, ensure_ascii=False)
