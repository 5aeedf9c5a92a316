"""The dashboard in headless Chromium, on a real server on 127.0.0.1: every view loads
without console errors or foreign requests, figures open their sentences in their
documents, search narrows the facts, editors review with tokens and ETags, and a
document's markup is shown as text, never run."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import httpx

from tests.browser.conftest import HOSTILE_TITLE, Site, Watched, watch

VIEWS = ("timeline", "pipeline", "facts", "decisions")


def _api(site: Site, path: str, **params: Any) -> Any:
    return httpx.get(site.base + path, params=params).json()


def _show(dash: Watched, figure: Any) -> int:
    """Click a figure of a fact; returns its id once its document is drawn."""
    fact_id = int(figure.get_attribute("data-fact-id"))
    figure.click()
    dash.page.wait_for_selector(f"#document[data-fact-id='{fact_id}'] mark")
    return fact_id


def _open_fact(dash: Watched, words: str) -> int:
    """Search the facts for `words` and click the first figure: its evidence opens."""
    page = dash.page
    page.get_by_role("button", name="Facts", exact=True).click()
    page.get_by_label("Search").fill(words)
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_selector("#facts-table caption:text('Facts (1 match)')")
    return _show(dash, page.locator("#facts-table button.figure").first)


def _set_token(dash: Watched, token: str) -> None:
    dash.page.get_by_role("textbox", name="Editor token").fill(token)
    dash.page.get_by_role("button", name="Save token").click()
    dash.page.wait_for_selector("#token-state:text('Token saved for this tab.')")


def test_the_dashboard_loads_every_view_without_errors_or_foreign_requests(
    dash: Watched, site: Site
) -> None:
    page = dash.page
    partners = [p["partner"] for p in _api(site, "/api/scoreboard")["partners"]]
    assert page.locator("svg.bars g.bar").count() == len(partners)
    assert page.locator("svg.bars text.goal-label").text_content() == "0.25% of GDP goal"
    assert page.locator("svg.bars line.goal").count() == 1
    rows = page.locator("#scoreboard-table tbody tr")
    assert [rows.nth(i).locator("td").first.text_content() for i in range(rows.count())] == (
        partners
    )
    dash.shot("01-scoreboard")
    for view in VIEWS:
        page.locator(f"nav.tabs button[data-view={view}]").click()
        page.wait_for_selector(f"#view-{view} table caption")
        dash.shot(f"02-{view}")
    assert page.locator("#view-pipeline table thead th").count() >= 2
    assert page.locator("#notice").is_hidden()
    assert dash.errors == []
    assert dash.foreign() == []
    assert any(url.endswith("/api/timeline") for url in dash.requests)


def test_a_partner_opens_with_its_entries_figures_status_and_conflicts(
    dash: Watched, site: Site
) -> None:
    page = dash.page
    page.locator("svg.bars g.bar[data-partner=NLD]").click()
    page.wait_for_selector("#partner-table tbody tr")
    assert page.locator("#h-partner").text_content() == "Partner NLD"
    expected = _api(site, "/api/entries", partner="NLD")["items"]
    table = page.locator("#partner-table tbody tr")
    assert table.count() == len(expected)
    text = page.locator("#partner-table").text_content() or ""
    assert "figures disagree" in text
    assert "pledged" in text
    assert "EUR 400.0 m" in text
    dash.shot("03-partner-NLD")
    assert dash.errors == []


def test_a_figure_opens_its_sentence_highlighted_in_its_document(dash: Watched, site: Site) -> None:
    page = dash.page
    page.locator("#scoreboard-table button.partner", has_text="NLD").click()
    page.locator("#partner-table button.figure").first.click()
    page.wait_for_selector("#document mark")
    reports = page.locator("#evidence-reports ol.reports li button.figure")
    assert reports.count() == 2
    shown = [_show(dash, reports.nth(i)) for i in (1, 0)]
    for fact_id in shown:
        _show(dash, page.locator(f"#evidence-reports button[data-fact-id='{fact_id}']"))
        fact = _api(site, f"/api/facts/{fact_id}")
        assert page.locator("#document mark").text_content() == fact["evidence"]
    assert sorted(shown) == sorted(f["id"] for f in _api(site, "/api/facts", funder="NLD")["items"])
    dash.shot("04-evidence-entry")
    # A sentence deep in its document: the highlight is cut at its offsets.
    fact_id = _open_fact(dash, "UAH")
    fact = _api(site, f"/api/facts/{fact_id}")
    assert fact["start"] > 300
    assert page.locator("#document mark").text_content() == fact["evidence"]
    before = page.locator("#document").evaluate("d => d.firstChild.textContent")
    text = _api(site, f"/api/documents/{fact['document_sha']}")["text"]
    assert before == text[: fact["start"]]
    dash.shot("05-evidence-deep-sentence")
    assert dash.errors == []


def test_search_and_facets_narrow_the_facts_table_with_paging(dash: Watched, site: Site) -> None:
    page = dash.page
    total = _api(site, "/api/facts", limit=1)["total"]
    page.get_by_role("button", name="Facts", exact=True).click()
    page.wait_for_selector("#facts-table tbody tr")
    assert page.locator("#facts-range").text_content() == f"1–25 of {total}"
    page.get_by_role("button", name="Next page").click()
    page.wait_for_selector(f"#facts-range:text('26–{total} of {total}')")
    assert page.locator("#facts-table tbody tr").count() == total - 25
    page.get_by_label("Search").fill("howitzers")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_selector("#facts-range:text('1–1 of 1')")
    rows = page.locator("#facts-table tbody tr")
    assert rows.count() == 1
    assert "howitzers" in (rows.first.text_content() or "")
    dash.shot("06-facts-search")
    page.get_by_label("Search").fill("")
    page.get_by_role("combobox", name="Type").select_option("gdp_pledge")
    page.get_by_role("combobox", name="Partner").select_option("LTU")
    page.get_by_role("button", name="Search", exact=True).click()
    expected = _api(site, "/api/facts", type="gdp_pledge", partner="LTU")["total"]
    page.wait_for_selector(f"#facts-range:text('1–{expected} of {expected}')")
    assert expected < total
    assert page.locator("#facts-table tbody tr").count() == expected
    with page.expect_download() as download:
        page.locator("#facts-table button.csv").click()
    saved = Path(download.value.path()).read_text(encoding="utf-8")
    rows_csv = list(csv.DictReader(io.StringIO(saved)))
    assert [r["Type"] for r in rows_csv] == ["gdp_pledge"] * expected
    dash.shot("07-facts-facets")
    page.get_by_role("button", name="Clear").click()
    page.wait_for_selector(f"#facts-range:text('1–25 of {total}')")
    page.get_by_role("combobox", name="Mechanism").select_option("procurement")
    page.get_by_role("button", name="Search", exact=True).click()
    bought = _api(site, "/api/facts", mechanism="procurement")["items"]
    page.wait_for_selector(f"#facts-range:text('1–{len(bought)} of {len(bought)}')")
    ids = page.locator("#facts-table tbody tr td:first-child").all_text_contents()
    assert sorted(int(i) for i in ids) == sorted(f["id"] for f in bought)
    assert dash.errors == []


def test_an_editor_confirms_a_fact_and_the_audit_log_shows_it(dash: Watched, site: Site) -> None:
    page = dash.page
    _set_token(dash, site.editor)
    fact_id = _open_fact(dash, "howitzers")
    why = "matches the ministry's release (browser test)"
    page.get_by_label("Why").fill(why)
    page.get_by_role("button", name="Confirm", exact=True).click()
    page.wait_for_selector("#review-result.ok")
    assert f"confirm of fact {fact_id} by ana" in (
        page.locator("#review-result").text_content() or ""
    )
    dash.shot("08-review-confirmed")
    log = _api(site, "/api/decisions")
    assert [(d["action"], d["by"]) for d in log if d["why"] == why] == [("confirm", "ana")]
    page.get_by_role("button", name="Audit log").click()
    page.locator("#decisions-table td", has_text=why).wait_for()
    dash.shot("09-audit-log")


def test_an_editor_corrects_an_amount_and_the_decision_keeps_it(dash: Watched, site: Site) -> None:
    page = dash.page
    _set_token(dash, site.editor)
    fact_id = _open_fact(dash, "Canada")
    assert page.get_by_label("Correct amount", exact=True).input_value() == "250000000"
    page.get_by_label("Correct amount", exact=True).fill("260000000")
    page.get_by_label("Why").fill("the release says C$260 million (browser test)")
    page.get_by_role("button", name="Correct amount").click()
    page.wait_for_selector("#review-result.ok")
    assert f"correct of fact {fact_id} by ana" in (
        page.locator("#review-result").text_content() or ""
    )
    dash.shot("09b-review-corrected")
    log = [d for d in _api(site, "/api/decisions") if d["action"] == "correct"]
    assert [(d["by"], d["fields"]["amount"]) for d in log] == [("ana", 260_000_000)]


def test_a_stale_review_shows_the_412_message(dash: Watched, context: Any, site: Site) -> None:
    other = watch(context, site.base)
    other.open()
    for tab in (dash, other):
        tab.page.bring_to_front()
        _set_token(tab, site.editor)
        _open_fact(tab, "SEK 350")
    assert dash.page.get_attribute("#document", "data-fact-id") == other.page.get_attribute(
        "#document", "data-fact-id"
    )
    other.page.bring_to_front()
    other.page.get_by_role("button", name="Confirm", exact=True).click()
    other.page.wait_for_selector("#review-result.ok")
    dash.page.bring_to_front()
    dash.page.get_by_role("button", name="Reject", exact=True).click()
    dash.page.wait_for_selector("#review-result.error")
    message = dash.page.locator("#review-result").text_content() or ""
    assert "Changed meanwhile (412)" in message
    assert "the fact changed since it was read" in message
    dash.shot("10-review-stale-412")
    rejected = [d for d in _api(site, "/api/decisions") if d["action"] == "reject"]
    assert rejected == []
    dash.page.get_by_role("button", name="Reload the fact").click()
    dash.page.wait_for_selector("#review-result:empty", state="attached")
    dash.page.get_by_role("button", name="Reject", exact=True).click()
    dash.page.wait_for_selector("#review-result.ok")
    rejected = [d for d in _api(site, "/api/decisions") if d["action"] == "reject"]
    assert [d["by"] for d in rejected] == ["ana"]
    assert other.foreign() == []


def test_a_review_without_a_token_or_as_a_viewer_says_why_it_failed(
    dash: Watched, site: Site
) -> None:
    page = dash.page
    _open_fact(dash, "C$250")
    page.get_by_role("button", name="Confirm", exact=True).click()
    page.wait_for_selector("#review-result.error")
    assert "Not signed in (401)" in (page.locator("#review-result").text_content() or "")
    dash.shot("11-review-401")
    _set_token(dash, site.viewer)
    page.get_by_role("button", name="Confirm", exact=True).click()
    page.wait_for_selector("#review-result.error:has-text('403')")
    assert "Not allowed (403): vic is a viewer" in (
        page.locator("#review-result").text_content() or ""
    )
    dash.shot("12-review-403")


def test_a_hostile_document_is_shown_as_text_never_run(dash: Watched, site: Site) -> None:
    page = dash.page
    fact_id = _open_fact(dash, "quadcopters")
    fact = _api(site, f"/api/facts/{fact_id}")
    assert page.locator("#document mark").text_content() == fact["evidence"]
    shown = page.locator("#document").text_content() or ""
    assert "<script>window.__pwned=1</script>" in shown
    assert '<img src=x onerror="window.__pwned=2">' in shown
    assert HOSTILE_TITLE in (page.locator("#document-meta").text_content() or "")
    page.get_by_text("<script>window.__pwned=1</script>", exact=False).first.hover()
    page.locator("#document-meta").hover()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("#document script, #document img, #document-meta b").count() == 0
    assert not [url for url in dash.requests if re.search(r"/x$", url)]
    dash.shot("13-hostile-document")
    assert dash.errors == []


def test_the_csv_of_a_table_keeps_formula_like_text_as_text(dash: Watched) -> None:
    cells = ["=HYPERLINK(1)", "+1", "@SUM(A1)", "-2.5", 'say "no", twice', "plain"]
    shown = dash.page.evaluate("cells => cells.map(csvCell)", cells)
    assert shown == ["'=HYPERLINK(1)", "'+1", "'@SUM(A1)", "-2.5", '"say ""no"", twice"', "plain"]
