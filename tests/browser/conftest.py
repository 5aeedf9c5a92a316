"""Headless Chromium for the dashboard's tests: Debian's `chromium`, never a downloaded one.

The session finds `chromium` on PATH; when it is missing and the tests run as root it
installs Debian's package (`apt-get install -y chromium`), else every browser test is
skipped with the reason. Playwright only drives it (`executable_path`), so it never
fetches a browser of its own. Screenshots of each step go to artifacts/screenshots/.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from coprod.accounts import new_token, token_hash
from coprod.pipeline import ingest_paths
from coprod.settings import Settings
from coprod.store import Store
from coprod.views.api.app import create_app
from tests.serving import serving

FIXTURES = Path(__file__).parents[1] / "fixtures"
SCREENSHOTS = Path(__file__).parents[2] / "artifacts" / "screenshots"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-background-networking"]
VIEWPORT = {"width": 1280, "height": 800}
LOCAL_SCHEMES = ("blob", "data", "about")
# A report whose page holds markup that must be shown as text, never run; its emoji
# before the evidence make Python's code-point offsets differ from JavaScript's UTF-16.
HOSTILE_TEXT = (
    "LIVE 🛰️ UPDATES 🇳🇴\n\n"
    "OSLO - Norway allocated NOK 300 million to buy quadcopters from Ukrainian "
    "manufacturers, the defence ministry said on Monday.\n\n"
    'A reader comment said <script>window.__pwned=1</script> and <img src=x onerror="'
    'window.__pwned=2"> before it was removed.'
)
HOSTILE_TITLE = 'Oslo buys quadcopters <b onmouseover="window.__pwned=3">now</b>'


def _install_chromium() -> str | None:
    """Debian's chromium, installed by the session when it may (as root)."""
    found = shutil.which("chromium")
    if found or os.geteuid() != 0 or not shutil.which("apt-get"):
        return found
    env = os.environ | {"DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "--no-install-recommends", "chromium"]
    if subprocess.run(install, env=env, capture_output=True, check=False).returncode != 0:
        subprocess.run(["apt-get", "update"], env=env, capture_output=True, check=False)
        subprocess.run(install, env=env, capture_output=True, check=False)
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = _install_chromium()
    if path is None:
        pytest.skip("no `chromium` on PATH and not root to `apt-get install -y chromium`")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class Site:
    """The served ledger: its base URL, the documents' facts and two users' tokens."""

    base: str
    db: str
    editor: str
    viewer: str


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("dashboard")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(_hostile_line(), encoding="utf-8")
    db = str(folder / "ledger.db")
    tokens = {"editor": new_token(), "viewer": new_token()}
    with Store.open(db) as store:
        ingest_paths([FIXTURES / "ledger_docs.jsonl", hostile], store, Settings(db=db))
        store.add_user("ana", "editor", token_hash(tokens["editor"]))
        store.add_user("vic", "viewer", token_hash(tokens["viewer"]))
    with serving(create_app(db)) as base:
        yield Site(base, db, tokens["editor"], tokens["viewer"])


def _hostile_line() -> str:
    import json

    doc = {
        "id": "X01",
        "url": "https://hostile.example.org/2025/06/02/quadcopters",
        "title": HOSTILE_TITLE,
        "date": "2025-06-02",
        "lang": "en",
        "kind": "news",
        "text": HOSTILE_TEXT,
    }
    return json.dumps(doc, ensure_ascii=False) + "\n"


@dataclass
class Watched:
    """A page at 1280×800 with what it logged and every URL it asked for."""

    page: Any
    base: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def open(self) -> None:
        self.page.goto(self.base + "/")
        self.page.wait_for_selector("body[data-ready]")

    def foreign(self) -> list[str]:
        """Requests to any host but 127.0.0.1 (blob: and data: URLs stay in the page)."""
        parts = [(url, urlsplit(url)) for url in self.requests]
        return [
            url
            for url, part in parts
            if part.scheme not in LOCAL_SCHEMES and part.hostname != "127.0.0.1"
        ]

    def shot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def watch(context: Any, base: str) -> Watched:
    page = context.new_page()
    watched = Watched(page, base)
    page.on("console", lambda m: m.type == "error" and watched.errors.append(m.text))
    page.on("pageerror", lambda e: watched.errors.append(f"uncaught: {e}"))
    page.on("request", lambda r: watched.requests.append(r.url))
    return watched


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    made = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    made.set_default_timeout(10_000)
    yield made
    made.close()


@pytest.fixture
def dash(context: Any, site: Site) -> Iterator[Watched]:
    """The dashboard, opened; after the test, no request may have left 127.0.0.1."""
    watched = watch(context, site.base)
    watched.open()
    yield watched
    assert watched.foreign() == []
