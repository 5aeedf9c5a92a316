"""Ingest: turn files of news (plain text, HTML, JSON Lines) into `Document`s.

`read_sources(paths, settings)` yields, lazily and in a stable order, one `Document`
per document found and one `Skipped` per unusable input; it never raises for bad
input. The reason codes a `Skipped` can carry are listed in `reasons.REASONS`.
"""

from coprod.ingest.reasons import REASONS
from coprod.ingest.sources import read_sources

__all__ = ["REASONS", "read_sources"]
