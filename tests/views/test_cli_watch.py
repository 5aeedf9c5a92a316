"""`coprod watch` against a real HTTP server on 127.0.0.1: rounds for cron, nothing twice."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from coprod.store import Store
from coprod.views.cli._app import app
from tests.web import FEED_HEADERS, ROBOTS, STORIES, Reply, Site, article, rss, serve

runner = CliRunner()
ENV = {"COLUMNS": "200", "COPROD_HOST_RATE": "0", "COPROD_FETCH_TIMEOUT": "1"}
DAY = "Fri, 04 Jul 2025 10:00:00 GMT"


def coprod(*args: str | Path) -> Result:
    return runner.invoke(app, [str(a) for a in args], env=ENV)


@pytest.fixture
def site() -> Iterator[Site]:
    routes = {
        "/robots.txt": Reply(ROBOTS.encode(), headers={"Content-Type": "text/plain"}),
        "/feed.xml": Reply(
            rss([("/a.html", "A", DAY), ("/b.html", "B", DAY)]), headers=FEED_HEADERS, etag='"1"'
        ),
        "/other.xml": Reply(
            rss([("/a.html", "A", DAY), ("/d.html", "D", DAY)]), headers=FEED_HEADERS
        ),
        "/a.html": Reply(article("Denmark", STORIES["denmark"])),
        "/b.html": Reply(article("Lithuania", STORIES["lithuania"])),
        "/d.html": Reply(article("Canada", STORIES["canada"])),
    }
    with serve(routes) as running:  # type: ignore[arg-type]
        yield running


def _pages(site: Site) -> dict[str, int]:
    return {path: n for path, n in site.hits.items() if path.endswith(".html")}


def test_watch_once_twice_fetches_nothing_new_the_second_time(site: Site, tmp_path: Path) -> None:
    db, feeds = tmp_path / "w.db", [site.url("/feed.xml"), site.url("/other.xml")]
    first = coprod("watch", "--once", "--json", "--db", db, *feeds)
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout)["new"] == 3
    assert _pages(site) == {"/a.html": 1, "/b.html": 1, "/d.html": 1}
    second = coprod("watch", "--once", "--json", "--db", db, *feeds)
    assert second.exit_code == 0, second.output
    round_two = json.loads(second.stdout)
    assert (round_two["new"], round_two["known"], round_two["skipped"]) == (0, 0, {})
    assert _pages(site) == {"/a.html": 1, "/b.html": 1, "/d.html": 1}
    assert site.hits["/feed.xml"] == 2 and site.seen["/feed.xml"]["If-None-Match"] == '"1"'
    with Store.open(str(db)) as store:
        assert store.counts().documents == 3
        assert [run["label"] for run in store.runs()] == ["watch", "watch"]


def test_watch_prints_each_round_and_refuses_what_is_no_url(site: Site, tmp_path: Path) -> None:
    shown = coprod("watch", "--once", "--db", tmp_path / "w.db", site.url("/feed.xml"))
    assert shown.exit_code == 0 and "new documents  2" in shown.stdout
    refused = coprod("watch", "--once", "--db", tmp_path / "w.db", "feed.xml")
    assert refused.exit_code == 2 and "not an http(s) URL" in refused.output


def test_rate_and_interval_are_checked(site: Site, tmp_path: Path) -> None:
    assert coprod("watch", "--interval", "1", site.url("/feed.xml")).exit_code == 2
    assert coprod("watch", "--rate", "-1", site.url("/feed.xml")).exit_code == 2
