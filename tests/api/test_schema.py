"""The API against its own OpenAPI schema, over real HTTP: schemathesis generates requests
(valid and not) for every operation, anonymous and as an editor; none may end in a 500,
and every response must match what the schema declares."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.generation.case import Case
from schemathesis.specs.openapi.checks import positive_data_acceptance

from coprod.accounts import new_token, token_hash
from coprod.pipeline import ingest_paths
from coprod.settings import Settings
from coprod.store import Store
from coprod.views.api.app import create_app
from tests.serving import serving

LEDGER_DOCS = Path(__file__).parents[1] / "fixtures" / "ledger_docs.jsonl"
EXAMPLES = settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    db = str(tmp_path_factory.mktemp("schema") / "ledger.db")
    token = new_token()
    with Store.open(db) as store:
        ingest_paths([LEDGER_DOCS], store, Settings(db=db))
        store.add_user("ana", "editor", token_hash(token))
    with serving(create_app(db)) as base:
        yield {"base": base, "token": token}


# The schema as the app declares it (it needs no ledger); the test below checks the served
# one is the same. (schemathesis' lazy `from_fixture` does not run on pytest 9.)
schema = schemathesis.openapi.from_dict(create_app(":memory:").openapi())


def test_the_served_schema_is_the_one_tested(served: dict[str, Any]) -> None:
    served_schema = httpx.get(f"{served['base']}/openapi.json").json()
    assert served_schema == create_app(":memory:").openapi()


@schema.parametrize()
@EXAMPLES
def test_anonymous_requests_never_fail_the_server(case: Case, served: dict[str, Any]) -> None:
    case.call_and_validate(base_url=served["base"], excluded_checks=_business(case))


@schema.parametrize()
@EXAMPLES
def test_an_editors_requests_never_fail_the_server(case: Case, served: dict[str, Any]) -> None:
    headers = {"Authorization": f"Bearer {served['token']}"}
    fact_id = (case.path_parameters or {}).get("fact_id")
    if case.method == "POST" and isinstance(fact_id, int):
        current = httpx.get(f"{served['base']}/api/facts/{fact_id}")
        if current.status_code == 200:  # a write that gets past the ETag check
            headers["If-Match"] = current.headers["ETag"]
    case.call_and_validate(
        base_url=served["base"], headers=headers, excluded_checks=_business(case)
    )


def _business(case: Case) -> list[Any]:
    """A review may be refused for what no schema can say: a stale or missing ETag (412,
    428), a merge without partners (400). Those are answers, not failures."""
    return [positive_data_acceptance] if case.method == "POST" else []
