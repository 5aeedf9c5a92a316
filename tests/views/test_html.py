"""The HTML report: one self-contained file, with everything from the ledger escaped."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coprod.model import Commitment, Document
from coprod.pipeline import ingest_paths
from coprod.reconcile import reconcile_store
from coprod.settings import Settings
from coprod.store import Store
from coprod.views.cli._app import app
from coprod.views.cli.ledger import DEMO_HTML
from coprod.views.html import href, render_html
from coprod.views.report import build_report
from tests.samples import filled_store, span

FIXTURES = Path(__file__).parents[1] / "fixtures"

HOSTILE = Document(
    id="x",
    url="javascript:alert(1)",
    title="<script>alert('title')</script>",
    date="2025-01-01",
    text="<script>alert('evidence')</script> Norway gives NOK 5 million & more.",
)


def page(tmp_path: Path, *docs: Document) -> str:
    with filled_store(tmp_path / "ledger.db") as store:
        for doc in docs:
            store.add_document(doc)
            fact = Commitment(funder=["NOR"], amount=5e6, currency="NOK", **span(doc, doc.text))
            store.add_facts(doc.sha256, [fact])
        return render_html(build_report(store))


def test_the_page_needs_nothing_from_outside(tmp_path: Path) -> None:
    html = page(tmp_path)
    assert html.startswith("<!DOCTYPE html>")
    assert not re.search(r"<script|<link|<img|<iframe|\ssrc=|@import|url\(", html, re.I)
    assert 'href="https://example.org/denmark"' in html  # links to sources are not assets
    for text in ("DNK", "LTU", "UKR", "EUR 20,000,000 (USD 21,000,000) · drones", "0.25% of GDP"):
        assert text in html


def test_everything_from_the_ledger_is_escaped(tmp_path: Path) -> None:
    html = page(tmp_path, HOSTILE)
    assert "<script" not in html
    assert "&lt;script&gt;alert(&#39;evidence&#39;)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in html
    assert "&amp; more" in html
    assert 'href="javascript' not in html


def test_only_web_urls_become_links() -> None:
    assert href("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert href("HTTP://example.org") == "HTTP://example.org"
    assert href("javascript:alert(1)") is None
    assert href("data:text/html,hi") is None
    assert href(None) is None


def test_an_empty_ledger_says_so(tmp_path: Path) -> None:
    with filled_store(tmp_path / "ledger.db", documents=()) as store:
        assert "holds no facts yet" in render_html(build_report(store))


@pytest.fixture(scope="module")
def demo_html(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The page `coprod demo` writes, from its shipped articles."""
    folder = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)  # the demo writes its page in the working directory
        result = CliRunner().invoke(app, ["demo"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return (folder / DEMO_HTML).read_text(encoding="utf-8")


def test_the_demo_page_shows_the_ledger_in_four_charts(demo_html: str) -> None:
    svgs = re.findall(r"<svg\b.*?</svg>", demo_html, re.S)
    labels = [ET.fromstring(svg).get("aria-label") or "" for svg in svgs]
    assert len(labels) == 4 and not any("no data" in label for label in labels)
    for section in ("Where partners stand", "Danish model against Ukraine", "pipeline", "Timeline"):
        assert section in demo_html
    assert "To review" in demo_html
    assert "0.25% of GDP" in svgs[0]


def test_the_demo_page_needs_nothing_from_outside(demo_html: str) -> None:
    assert "<script" not in demo_html.lower()
    assert not re.search(r"<link|<img|<image|<iframe|\ssrc=|@import|url\(", demo_html, re.I)
    outside = re.findall(r"""(\S*)(["'(])https?://""", demo_html)
    assert outside and all(before.endswith("href=") for before, _ in outside)


def test_the_demo_page_has_one_scoreboard_row_per_partner(demo_html: str) -> None:
    table = demo_html.split('<table class="scoreboard">', 1)[1].split("</table>", 1)[0]
    partners = re.findall(r'<td class="key">([^<]+)</td>', table)
    assert len(partners) >= 5 and len(set(partners)) == len(partners)
    assert "GBR" in partners and "DNK" in partners
    assert re.search(r"<td class=\"num\">\d{1,3}(,\d{3})+</td>", table)  # thousands separated
    assert "World Bank" in demo_html and "NY.GDP.MKTP.CD" in demo_html


def test_conflicts_wait_for_review_with_their_text(tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    with Store.open(str(db)) as store:
        ingest_paths([FIXTURES / "ledger_docs.jsonl"], store, Settings(db=str(db)))
        html = render_html(build_report(store))
    review = html.split('id="review"', 1)[1].split("</section>", 1)[0]
    assert "NLD" in review
    assert "figures disagree: EUR 350,000,000 (2025-05-05) vs EUR 400,000,000" in review


def test_ledger_sections_escape_hostile_text(tmp_path: Path) -> None:
    with filled_store(tmp_path / "ledger.db") as store:
        store.add_document(HOSTILE)
        fact = Commitment(funder=["NOR"], amount=5e6, currency="NOK", **span(HOSTILE, HOSTILE.text))
        store.add_facts(HOSTILE.sha256, [fact])
        reconcile_store(store)
        report = build_report(store)
        html = render_html(report)
    assert any(event.url == HOSTILE.url for event in report.ledger.timeline)
    timeline = html.split('id="timeline"', 1)[1].split("</section>", 1)[0]
    assert "&lt;script&gt;alert(&#39;evidence&#39;)&lt;/script&gt;" in timeline
    assert "<script" not in html
    assert 'href="javascript' not in html
