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


def _fact(client: httpx.Client, funder: str, amount: float) -> int:
    facts = client.get("/api/facts", params={"funder": funder, "type": "commitment"}).json()
    return next(int(f["id"]) for f in facts["items"] if f["amount"] == amount)


def _review(api: dict[str, Any], fact: int, body: dict[str, Any]) -> httpx.Response:
    client: httpx.Client = api["client"]
    tag = client.get(f"/api/facts/{fact}").headers["ETag"]
    editor = {"Authorization": f"Bearer {api['tokens']['editor']}", "If-Match": tag}
    return client.post(f"/api/facts/{fact}/review", json=body, headers=editor)


def _partner(client: httpx.Client, code: str) -> dict[str, Any] | None:
    board = client.get("/api/scoreboard").json()
    return next((p for p in board["partners"] if p["partner"] == code), None)


def _entries(client: httpx.Client, funder: str) -> list[dict[str, Any]]:
    page = client.get("/api/entries", params={"partner": funder, "type": "commitment"}).json()
    items: list[dict[str, Any]] = page["items"]
    return items


def test_a_correction_shows_on_the_scoreboard_at_once(api: dict[str, Any]) -> None:
    client: httpx.Client = api["client"]
    before = _partner(client, "DEU")
    assert before is not None and before["eur"] == 500_000_000
    fact = _fact(client, "DEU", 500_000_000)
    body = {"action": "correct", "why": "the ministry's figure", "fields": {"amount": 6e8}}
    done = _review(api, fact, body)
    assert done.status_code == 200, done.text
    assert done.json()["decision"]["fields"] == {"amount": 6e8}
    after = _partner(client, "DEU")
    assert after is not None and after["eur"] == 600_000_000  # the cached board was rebuilt
    [entry] = [e for e in _entries(client, "DEU") if e["funder"] == ["DEU"]]
    assert (entry["amount"], entry["decided"]) == (6e8, True)


def test_a_rejected_fact_leaves_the_scoreboard(api: dict[str, Any]) -> None:
    client: httpx.Client = api["client"]
    assert _partner(client, "GBR") is not None
    done = _review(api, _fact(client, "GBR", 120_000_000), {"action": "reject", "why": "a rumour"})
    assert done.status_code == 200, done.text
    assert _partner(client, "GBR") is None
    assert _entries(client, "GBR") == []


def test_merge_with_other_facts_makes_one_entry(api: dict[str, Any]) -> None:
    client: httpx.Client = api["client"]
    before = len(_entries(client, "SWE"))
    one, other = _fact(client, "SWE", 600_000_000), _fact(client, "SWE", 450_000_000)
    body = {"action": "merge", "why": "the same allocation", "with": [other]}
    done = _review(api, one, body)
    assert done.status_code == 200, done.text
    assert len(done.json()["decision"]["fact_keys"]) == 2
    assert len(_entries(client, "SWE")) == before - 1


def test_split_takes_a_fact_out_of_its_entry(api: dict[str, Any]) -> None:
    client: httpx.Client = api["client"]
    [joined] = [e for e in _entries(client, "DNK") if e["n_documents"] == 3]
    done = _review(api, _fact(client, "DNK", 216_000_000), {"action": "split", "why": "another"})
    assert done.status_code == 200, done.text
    entries = _entries(client, "DNK")
    assert len(entries) == 2 and joined["key"] in {e["key"] for e in entries}
    assert sorted(e["n_documents"] for e in entries) == [1, 2]


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"action": "approve", "why": "x"}, 422, "invalid"),
        ({"action": "confirm"}, 422, "invalid"),
        ({"action": "confirm", "why": "x", "extra": 1}, 422, "invalid"),
        ({"action": "correct", "why": "x"}, 400, "bad_request"),
        ({"action": "correct", "why": "x", "fields": {"colour": "red"}}, 400, "bad_request"),
        ({"action": "correct", "why": "x", "fields": {"amount": "lots"}}, 400, "bad_request"),
        ({"action": "correct", "why": "x", "fields": {"funder": "DEU"}}, 400, "bad_request"),
        ({"action": "merge", "why": "x"}, 400, "bad_request"),
        ({"action": "merge", "why": "x", "with": [999999]}, 400, "bad_request"),
        ({"action": "confirm", "why": "   "}, 400, "bad_request"),
    ],
)
def test_a_decision_that_makes_no_sense_is_refused_and_not_logged(
    api: dict[str, Any], body: dict[str, Any], status: int, code: str
) -> None:
    client: httpx.Client = api["client"]
    logged = len(client.get("/api/decisions").json())
    refused = _review(api, _fact(client, "CAN", 250_000_000), body)
    assert refused.status_code == status, refused.text
    assert refused.json()["error"]["code"] == code
    assert len(client.get("/api/decisions").json()) == logged
    assert client.get("/api/scoreboard").status_code == 200  # the ledger still reconciles


def test_a_review_of_no_fact_is_404(api: dict[str, Any]) -> None:
    client: httpx.Client = api["client"]
    editor = {"Authorization": f"Bearer {api['tokens']['editor']}", "If-Match": '"fact-9-v0"'}
    body = {"action": "confirm", "why": "x"}
    missing = client.post("/api/facts/999999/review", json=body, headers=editor)
    assert (missing.status_code, missing.json()["error"]["code"]) == (404, "not_found")


def test_the_audit_log_keeps_who_what_and_why(api: dict[str, Any]) -> None:
    client: httpx.Client = api["client"]
    _review(api, _fact(client, "NOR", 1_500_000_000), {"action": "confirm", "why": "both agree"})
    log = client.get("/api/decisions").json()
    last = log[-1]
    assert (last["action"], last["by"], last["why"]) == ("confirm", "ana", "both agree")
    assert last["id"] == max(d["id"] for d in log) and last["at"]
    assert all(set(d) >= {"action", "fact_keys", "by", "why", "at", "fields"} for d in log)
