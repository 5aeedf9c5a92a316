"""Reading the ledger over real HTTP: every read endpoint, its filters, paging, 404s, 422s."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import openpyxl
import pyarrow.parquet as pq
import pytest

from coprod.pipeline import ingest_paths
from coprod.settings import Settings
from coprod.store import Store
from coprod.views.api.app import create_app
from tests.serving import serving

LEDGER_DOCS = Path(__file__).parents[1] / "fixtures" / "ledger_docs.jsonl"
N_DOCUMENTS, N_FACTS, N_ENTRIES = 26, 27, 19  # what the fixture's ledger holds


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    db = str(tmp_path_factory.mktemp("read") / "ledger.db")
    with Store.open(db) as store:
        ingest_paths([LEDGER_DOCS], store, Settings(db=db))
    with serving(create_app(db)) as base, httpx.Client(base_url=base) as http:
        yield http


def _ok(client: httpx.Client, path: str, **params: Any) -> Any:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _items(client: httpx.Client, path: str, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = _ok(client, path, limit=500, **params)["items"]
    return items


def _error(response: httpx.Response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    message: str = body["error"]["message"]
    return message


# -- documents ------------------------------------------------------------------------------


def test_documents_are_paged_newest_first(client: httpx.Client) -> None:
    page = _ok(client, "/api/documents", limit=10, offset=5)
    assert (page["total"], page["limit"], page["offset"]) == (N_DOCUMENTS, 10, 5)
    dates = [d["date"] for d in _items(client, "/api/documents")]
    assert len(dates) == N_DOCUMENTS and dates == sorted(dates, reverse=True)
    assert [d["date"] for d in page["items"]] == dates[5:15]
    assert "text" not in page["items"][0]


def test_documents_search_titles_outlets_and_urls(client: httpx.Client) -> None:
    found = _items(client, "/api/documents", q="ROCKET fuel")
    assert [d["title"] for d in found] == [
        "Rocket fuel plant in Jutland starts production",
        "Agreement signed on rocket fuel plant",
    ]
    assert _ok(client, "/api/documents", q="berlin-security")["total"] == 2
    assert _ok(client, "/api/documents", q="no such words anywhere")["total"] == 0


def test_one_document_has_its_text(client: httpx.Client) -> None:
    first = _items(client, "/api/documents")[0]
    one = _ok(client, f"/api/documents/{first['sha256']}")
    assert one["title"] == first["title"] and "long-range drones" in one["text"]
    missing = client.get(f"/api/documents/{'0' * 64}")
    assert "no document" in _error(missing, 404, "not_found")
    _error(client.get("/api/documents/not-a-hash"), 422, "invalid")


# -- facts ----------------------------------------------------------------------------------


def test_facts_filter_by_type_funder_party_partner_mechanism_and_dates(
    client: httpx.Client,
) -> None:
    commitments = _items(client, "/api/facts", type="commitment")
    assert commitments and {f["type"] for f in commitments} == {"commitment"}
    deu = _items(client, "/api/facts", funder="deu")
    assert [f["id"] for f in deu] == [f["id"] for f in commitments if "DEU" in f["funder"]]
    assert len(deu) == 2
    parties = _items(client, "/api/facts", party="GBR")
    assert parties and all("GBR" in f["parties"] for f in parties)
    partner = {f["id"] for f in _items(client, "/api/facts", partner="GBR")}
    assert {f["id"] for f in parties} < partner  # also GBR's own commitments
    fund = _items(client, "/api/facts", mechanism="fund")
    assert fund and {f["mechanism"] for f in fund} == {"fund"}
    summer = _items(client, "/api/facts", since="2025-06-01", until="2025-06-30")
    assert summer and all("2025-06-01" <= f["document_date"] <= "2025-06-30" for f in summer)


def test_facts_search_sort_and_page(client: httpx.Client) -> None:
    found = _items(client, "/api/facts", q="Jutland")
    assert found and all("jutland" in (f["evidence"] + f["document_title"]).lower() for f in found)
    by_amount = _items(client, "/api/facts", sort="amount", order="desc", type="commitment")
    amounts = [f["amount"] for f in by_amount if f["amount"] is not None]
    assert amounts == sorted(amounts, reverse=True)
    by_date = _items(client, "/api/facts")
    assert len(by_date) == N_FACTS
    dates = [f["document_date"] for f in by_date]
    assert dates == sorted(dates)
    first = _ok(client, "/api/facts", limit=10)
    second = _ok(client, "/api/facts", limit=10, offset=10)
    assert first["total"] == N_FACTS and first["total_exact"] is True
    assert [f["id"] for f in first["items"] + second["items"]] == [f["id"] for f in by_date[:20]]
    assert _ok(client, "/api/facts", offset=1000)["items"] == []


def test_facts_of_republished_copies_only_on_request(client: httpx.Client) -> None:
    originals = _ok(client, "/api/facts")["total"]
    assert _ok(client, "/api/facts", all_copies="true")["total"] >= originals


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 501},
        {"offset": -1},
        {"limit": "ten"},
        {"sort": "colour"},
        {"order": "sideways"},
        {"type": "rumour"},
        {"mechanism": "barter"},
        {"since": "2025-13"},
        {"until": "yesterday"},
        {"funder": "D"},
        {"partner": "DE U"},
        {"q": "x" * 201},
        {"all_copies": "perhaps"},
    ],
)
def test_bad_fact_parameters_are_422_in_the_error_shape(
    client: httpx.Client, params: dict[str, Any]
) -> None:
    message = _error(client.get("/api/facts", params=params), 422, "invalid")
    assert message.startswith(f"query.{next(iter(params))}")


def test_one_fact_carries_its_etag(client: httpx.Client) -> None:
    listed = _items(client, "/api/facts", type="commitment")[0]
    response = client.get(f"/api/facts/{listed['id']}")
    assert response.status_code == 200
    assert response.headers["ETag"] == f'"fact-{listed["id"]}-v0"'
    assert response.json()["evidence"] == listed["evidence"]
    _error(client.get("/api/facts/999999"), 404, "not_found")
    _error(client.get("/api/facts/0"), 422, "invalid")
    _error(client.get("/api/facts/twelve"), 422, "invalid")


# -- entries --------------------------------------------------------------------------------


def test_entries_filter_by_type_partner_and_conflict(client: httpx.Client) -> None:
    page = _ok(client, "/api/entries", limit=5, offset=5)
    assert (page["total"], len(page["items"])) == (N_ENTRIES, 5)
    agreements = _items(client, "/api/entries", type="agreement")
    assert len(agreements) == 2 and all("UKR" in e["parties"] for e in agreements)
    nor = _items(client, "/api/entries", partner="nor")
    assert nor and all("NOR" in (e["funder"] or []) + (e["parties"] or []) for e in nor)
    conflicts = _items(client, "/api/entries", conflicts="true")
    assert [e["funder"] for e in conflicts] == [["NLD"]] and conflicts[0]["conflict"]


def test_one_entry_with_its_evidence(client: httpx.Client) -> None:
    [plant] = [e for e in _items(client, "/api/entries") if e["n_documents"] == 4]
    one = _ok(client, f"/api/entries/{plant['key']}")
    assert one["key"] == plant["key"] and len(one["evidence"]) == 4
    assert {f["entry_key"] for f in one["evidence"]} == {plant["key"]}
    assert all(f["reason"] and f["document_url"] in plant["urls"] for f in one["evidence"])
    _error(client.get(f"/api/entries/{'f' * 64}"), 404, "not_found")
    _error(client.get("/api/entries/abc"), 422, "invalid")


# -- the views ------------------------------------------------------------------------------


def test_scoreboard_pipeline_targets_timeline_danish_model(client: httpx.Client) -> None:
    board = _ok(client, "/api/scoreboard")
    partners = [p["partner"] for p in board["partners"]]
    assert partners[0] == "DEU" and "NLD" in partners and board["goal_pct"] == 0.25
    assert board == _ok(client, "/api/scoreboard")  # the cached copy is the same
    stages = {(s["stage"], s["host"]) for s in _ok(client, "/api/pipeline")}
    assert stages == {("signed", "UKR"), ("operational", "DNK")}
    [target] = _ok(client, "/api/targets")
    assert (target["type"], target["subject"], target["value"]) == ("target", "UKR", 6e9)
    steps = _ok(client, "/api/timeline")
    assert [s["date"] for s in steps] == sorted(s["date"] for s in steps)
    assert all(s["url"] and s["evidence"] for s in steps)
    [year] = _ok(client, "/api/danish-model")
    assert (year["year"], year["goal_usd"], year["goal_key"]) == (2025, 6e9, target["key"])
    assert _ok(client, "/api/decisions") == []
    assert _ok(client, "/api/health") == {"status": "ok"}


# -- exports --------------------------------------------------------------------------------


def _download(client: httpx.Client, path: str, media: str, name: str) -> bytes:
    response = client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media)
    assert response.headers["content-disposition"] == f'attachment; filename="{name}"'
    return response.content


def test_export_csv_and_parquet_one_table(client: httpx.Client) -> None:
    body = _download(client, "/api/export/csv", "text/csv", "coprod-entries.csv")
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert len(rows) == N_ENTRIES
    facts = _download(client, "/api/export/csv?table=facts", "text/csv", "coprod-facts.csv").decode(
        "utf-8-sig"
    )
    assert len(list(csv.DictReader(io.StringIO(facts)))) >= N_FACTS - 1
    parquet = _download(
        client, "/api/export/parquet", "application/vnd.apache.parquet", "coprod-entries.parquet"
    )
    assert pq.read_table(io.BytesIO(parquet)).num_rows == N_ENTRIES


def test_export_json_and_xlsx_every_table(client: httpx.Client) -> None:
    names = "entries-facts-scoreboard-evidence"
    body = _download(client, "/api/export/json", "application/json", f"coprod-{names}.json")
    tables = json.loads(body)
    assert list(tables) == ["entries", "facts", "scoreboard", "evidence"]
    assert len(tables["entries"]) == N_ENTRIES
    media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    xlsx = _download(client, "/api/export/xlsx", media, f"coprod-{names}.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(xlsx), read_only=True)
    assert len(book.sheetnames) == 4
    book.close()
    _error(client.get("/api/export/pdf"), 422, "invalid")
    _error(client.get("/api/export/csv?table=users"), 422, "invalid")


# -- the one error shape --------------------------------------------------------------------


def test_unknown_paths_and_methods_answer_in_the_error_shape(client: httpx.Client) -> None:
    _error(client.get("/api/nothing-here"), 404, "not_found")
    _error(client.post("/api/scoreboard"), 405, "method_not_allowed")
