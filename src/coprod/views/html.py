"""The report as one self-contained HTML file: inline style, no script, no outside asset.

Everything from the ledger is escaped by Jinja's autoescape, and the charts (inline SVG)
by `coprod.views.charts`, which is why the template embeds them with `|safe`. Links to
sources are made only for http(s) URLs, so a `javascript:` URL in a feed stays inert text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import jinja2

from coprod.views.charts import (
    danish_model_chart,
    href,
    pipeline_chart,
    scoreboard_chart,
    timeline_chart,
)
from coprod.views.figures import figure, number, shown, source
from coprod.views.programmes import UNSTATED, PipelineCell
from coprod.views.report import Report
from coprod.views.scoreboard import Unconverted

TEMPLATE = "report.html"


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("coprod.views", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        figure=figure,
        source=source,
        shown=shown,
        href=href,
        whole=whole,
        share=share,
        unconverted=unconverted,
        scoreboard_chart=scoreboard_chart,
        danish_model_chart=danish_model_chart,
        pipeline_chart=pipeline_chart,
        timeline_chart=timeline_chart,
        pipeline_table=pipeline_table,
    )
    return env


def whole(value: float | None) -> str:
    """Money in whole units with thousands separators: '1,274,859,765'; a dash if unknown."""
    return "—" if value is None else f"{value:,.0f}"


def share(value: float | None) -> str:
    """A share of GDP in percent, three significant digits: '0.0579%'; a dash if unknown."""
    return "—" if value is None else f"{value:.3g}%"


def unconverted(item: Unconverted) -> str:
    """A figure not converted, as reported, with the reason: 'UAH 8,000,000,000 (…)'."""
    text = f"{item.currency or '?'} {number(item.amount)}"
    return f"{text} ({item.note})" if item.note else text


@dataclass(frozen=True)
class StageHosts:
    """The pipeline as a table: one row per stage, one count per host country."""

    hosts: list[str]
    rows: list[tuple[str, list[int]]]  # (stage, count per host)


def pipeline_table(cells: Sequence[PipelineCell]) -> StageHosts:
    hosts = sorted({c.host for c in cells}, key=lambda h: (h == UNSTATED, h))
    stages = list(dict.fromkeys(c.stage for c in cells))  # already in pipeline order
    counts = {(c.stage, c.host): len(c.entries) for c in cells}
    rows = [(stage, [counts.get((stage, host), 0) for host in hosts]) for stage in stages]
    return StageHosts(hosts, rows)


def render_html(report: Report) -> str:
    return _environment().get_template(TEMPLATE).render(report=report)
