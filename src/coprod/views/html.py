"""The report as one self-contained HTML file: inline style, no script, no outside asset.

Everything from the ledger is escaped by Jinja's autoescape; links to sources are made
only for http(s) URLs, so a `javascript:` URL in a feed stays inert text.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import jinja2

from coprod.views.figures import figure, shown, source
from coprod.views.report import Report

TEMPLATE = "report.html"
LINKABLE = ("http", "https")


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("coprod.views", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(figure=figure, source=source, shown=shown, href=href)
    return env


def href(url: str | None) -> str | None:
    """`url` when it is safe to link to, else None."""
    if not url:
        return None
    return url if urlsplit(url).scheme.lower() in LINKABLE else None


def render_html(report: Report) -> str:
    return _environment().get_template(TEMPLATE).render(report=report)
