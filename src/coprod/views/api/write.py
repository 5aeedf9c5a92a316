"""Writing over HTTP: editors' reviews, each one decision in the audit log.

`POST /api/facts/{id}/review` needs `Authorization: Bearer TOKEN` of an editor or admin
(401 without a valid token, 403 for a viewer) and `If-Match` with the ETag the fact was
read with (428 without it, 412 when the fact has changed since: a stale edit never
overwrites). A merge names the other facts in `with`.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any, Literal, get_type_hints

from fastapi import APIRouter, Header, HTTPException, Request, Response
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from coprod.accounts import can_write, token_hash
from coprod.errors import InputError, NotFoundError
from coprod.model import FACT_CLASSES
from coprod.reconcile.review import record
from coprod.views.api.read import MAX_ID, FactId, etag, problems, store_of

router = APIRouter(responses=problems(503))
BEARER = "bearer "


class Review(BaseModel):
    """One decision on a fact."""

    model_config = ConfigDict(populate_by_name=True, extra="forbid")

    action: Literal["confirm", "correct", "reject", "merge", "split"]
    why: str = Field(min_length=1, max_length=2000, description="Kept in the audit log.")
    fields: dict[str, Any] | None = Field(
        default=None, description='A correction\'s new values, e.g. {"amount": 20000000}.'
    )
    with_: list[Annotated[int, Field(ge=1, le=MAX_ID)]] = Field(
        default_factory=list, alias="with", max_length=100, description="Facts to merge with."
    )


def reviewer(request: Request, authorization: str | None) -> dict[str, Any]:
    """The user the bearer token names; 401 without one, 403 when they may not write."""
    challenge = {"WWW-Authenticate": "Bearer"}
    if not authorization or not authorization.lower().startswith(BEARER):
        raise HTTPException(
            401, "a token is needed to write: Authorization: Bearer TOKEN", challenge
        )
    user = store_of(request).user_by_token(token_hash(authorization[len(BEARER) :].strip()))
    if user is None:
        raise HTTPException(401, "unknown token", challenge)
    if not can_write(user["role"]):
        raise HTTPException(403, f"{user['name']} is a {user['role']}: only editors write")
    return user


@router.post(
    "/facts/{fact_id}/review",
    summary="Confirm, correct, reject, merge or split a fact (editors; If-Match required)",
    responses=problems(400, 401, 403, 404, 412, 422, 428),
)
def review(
    request: Request,
    response: Response,
    fact_id: FactId,
    body: Review,
    authorization: Annotated[str | None, Header()] = None,
    if_match: Annotated[str | None, Header()] = None,
) -> Any:
    user = reviewer(request, authorization)
    store = store_of(request)
    version = store.fact_version(fact_id)
    if version is None:
        raise NotFoundError(f"no fact {fact_id}")
    if not if_match:
        raise HTTPException(428, "send If-Match with the fact's ETag (GET /api/facts/{id})")
    if if_match.strip() != etag(fact_id, version):
        raise HTTPException(412, "the fact changed since it was read: reload it and decide again")
    if body.action == "correct" and body.fields:
        typed(store.fact_keys([fact_id])[fact_id][1], body.fields)
    refs = [str(fact_id), *(str(i) for i in body.with_)]
    decision, summary = record(
        store, body.action, refs, why=body.why, by=user["name"], fields=body.fields,
        expected=(fact_id, version),
    )  # fmt: skip
    new = store.fact_version(fact_id) or 0
    response.headers["ETag"] = etag(fact_id, new)
    return {"decision": asdict(decision), "etag": etag(fact_id, new), "ledger": summary.as_dict()}


def typed(fact_type: str, fields: dict[str, Any]) -> None:
    """A correction's values have the types of its fact's fields, or it is refused (400):
    a text amount, once logged, would break every later reconciliation. Unknown names are
    left to the decision's own check, which names the fields that may be corrected."""
    hints = get_type_hints(FACT_CLASSES[fact_type])
    for name, value in fields.items():
        if name not in hints:
            continue
        try:
            TypeAdapter(hints[name]).validate_python(value, strict=True)
        except ValidationError as exc:
            raise InputError(f"{name}: {exc.errors()[0]['msg']}, not {value!r}") from exc
