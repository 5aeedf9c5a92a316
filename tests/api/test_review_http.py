"""Reviews over real HTTP: tokens, roles, ETags, the audit log."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from coprod.accounts import new_token, token_hash
from coprod.pipeline import ingest_paths
from coprod.settings import Settings
from coprod.store import Store
from coprod.views.api.app import create_app
from tests.serving import serving

LEDGER_DOCS = Path(__file__).parents[1] / "fixtures" / "ledger_docs.jsonl"


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    db = str(tmp_path_factory.mktemp("api") / "ledger.db")
    tokens = {"editor": new_token(), "viewer": new_token()}
    with Store.open(db) as store:
        ingest_paths([LEDGER_DOCS], store, Settings(db=db))
        store.add_user("ana", "editor", token_hash(tokens["editor"]))
        store.add_user("vic", "viewer", token_hash(tokens["viewer"]))
    with serving(create_app(db)) as base, httpx.Client(base_url=base) as client:
        yield {"client": client, "tokens": tokens}


def _first_commitment(client: httpx.Client) -> int:
    page = client.get("/api/facts", params={"type": "commitment", "limit": 1}).json()
    return int(page["items"][0]["id"])


def test_reading_is_open_and_paged(api: dict[str, Any]) -> None:
    client: httpx.Client = api["client"]
    page = client.get("/api/facts", params={"limit": 5, "offset": 2, "sort": "id"}).json()
    assert (page["limit"], page["offset"], len(page["items"])) == (5, 2, 5)
    assert page["total"] == 27
    assert [f["id"] for f in page["items"]] == sorted(f["id"] for f in page["items"])
    assert client.get("/api/scoreboard").json()["partners"][0]["partner"] == "DEU"
    assert client.get("/openapi.json").json()["paths"]["/api/facts/{fact_id}/review"]


def test_a_write_needs_a_valid_token_of_an_editor(api: dict[str, Any]) -> None:
    client: httpx.Client = api["client"]
    fact = _first_commitment(client)
    body = {"action": "confirm", "why": "checked"}
    assert client.post(f"/api/facts/{fact}/review", json=body).status_code == 401
    wrong = {"Authorization": "Bearer not-a-token"}
    assert client.post(f"/api/facts/{fact}/review", json=body, headers=wrong).status_code == 401
    viewer = {"Authorization": f"Bearer {api['tokens']['viewer']}"}
    denied = client.post(f"/api/facts/{fact}/review", json=body, headers=viewer)
    assert denied.status_code == 403
    assert denied.json()["error"]["code"] == "forbidden"


def test_a_stale_edit_gets_412_and_never_overwrites(api: dict[str, Any]) -> None:
    client: httpx.Client = api["client"]
    fact = _first_commitment(client)
    editor = {"Authorization": f"Bearer {api['tokens']['editor']}"}
    tag = client.get(f"/api/facts/{fact}").headers["ETag"]
    body = {"action": "confirm", "why": "matches the release"}
    missing = client.post(f"/api/facts/{fact}/review", json=body, headers=editor)
    assert missing.status_code == 428
    first = client.post(f"/api/facts/{fact}/review", json=body, headers=editor | {"If-Match": tag})
    assert first.status_code == 200, first.text
    assert first.headers["ETag"] != tag
    stale = {"action": "reject", "why": "an older view"}
    second = client.post(
        f"/api/facts/{fact}/review", json=stale, headers=editor | {"If-Match": tag}
    )
    assert second.status_code == 412
    key = first.json()["decision"]["fact_keys"][0]
    log = client.get("/api/decisions").json()
    assert [(d["action"], d["by"]) for d in log if key in d["fact_keys"]] == [("confirm", "ana")]
