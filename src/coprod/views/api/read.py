"""Reading the ledger over HTTP: open to anyone. Lists are paged ({items, total, limit,
offset}); a fact carries its ETag (its review version) for editors' conditional writes."""

from __future__ import annotations

import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi import Path as Segment
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from coprod.errors import NotFoundError
from coprod.model import MECHANISMS
from coprod.store import FactFilter, Store
from coprod.store.queries import COUNT_CAP
from coprod.views.export import TABLES, export_tables, write_export
from coprod.views.programmes import danish_model, pipeline, timeline
from coprod.views.scoreboard import build_scoreboard


class ProblemDetail(BaseModel):
    code: str
    message: str


class Problem(BaseModel):
    """Every error, whatever raised it: {"error": {"code": ..., "message": ...}}."""

    error: ProblemDetail


WHY = {
    400: "The request names something that cannot be done",
    401: "No valid token",
    403: "The token's user may not write",
    404: "No such thing in the ledger",
    412: "The fact changed since it was read (stale If-Match)",
    422: "A parameter or the body is invalid",
    428: "If-Match is required",
    503: "The ledger cannot be read or written just now",
}


def problems(*codes: int, ok: dict[str, Any] | None = None) -> dict[int | str, dict[str, Any]]:
    """The error responses an operation declares, all in the one error shape (and `ok`:
    what its success carries beyond the default)."""
    out: dict[int | str, dict[str, Any]] = {200: ok} if ok else {}
    return out | {code: {"model": Problem, "description": WHY[code]} for code in codes}


router = APIRouter(responses=problems(503))
Limit = Annotated[int, Query(ge=1, le=500, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=10**9, description="Items to skip.")]
Day = Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")]
Code = Annotated[str | None, Query(pattern=r"^[A-Za-z][A-Za-z0-9]{1,5}$", description="ISO3/org")]
Sha = Annotated[str, Segment(pattern=r"^[0-9a-f]{64}$", description="SHA-256, hex")]
MAX_ID = 2**53 - 1  # the largest id JSON carries exactly (and SQLite's INTEGER holds)
FactId = Annotated[int, Segment(ge=1, le=MAX_ID, description="A fact's id")]
Text = Annotated[str | None, Query(max_length=200, description="Words to search for.")]
FactType = Literal["commitment", "gdp_pledge", "agreement", "target"]
Mechanism = Literal[MECHANISMS]  # type: ignore[valid-type]
MEDIA = {
    "csv": "text/csv",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "parquet": "application/vnd.apache.parquet",
}
ETAG = {"description": "The fact's review version, for If-Match", "schema": {"type": "string"}}


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def etag(fact_id: int, version: int) -> str:
    return f'"fact-{fact_id}-v{version}"'


@router.get("/health", summary="Is the service up (the benchmark's baseline)")
def health() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/documents", summary="Documents, newest first", responses=problems(422))
def documents(request: Request, q: Text = None, limit: Limit = 50, offset: Offset = 0) -> Any:
    items, total = store_of(request).document_page(text=q, limit=limit, offset=offset)
    return {"items": items, "total": total, "limit": limit, "offset": offset}


@router.get("/documents/{sha}", summary="One document with its text", responses=problems(404, 422))
def document(request: Request, sha: Sha) -> Any:
    found = store_of(request).document(sha)
    if found is None:
        raise NotFoundError(f"no document {sha}")
    return found


@router.get(
    "/facts",
    summary="Facts with their sources: filter, search, sort, page",
    description=f"`total` counts matches up to {COUNT_CAP:,}; past that `total_exact` is false.",
    responses=problems(422),
)
def facts(
    request: Request,
    type: FactType | None = None,
    funder: Code = None,
    party: Code = None,
    partner: Code = None,
    mechanism: Mechanism | None = None,
    since: Day = None,
    until: Day = None,
    q: Text = None,
    sort: Literal["date", "id", "type", "amount", "confidence"] = "date",
    order: Literal["asc", "desc"] = "asc",
    all_copies: bool = False,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    where = FactFilter(
        type=type,
        funder=funder,
        party=party,
        funder_or_party=partner,
        mechanism=mechanism,
        since=since,
        until=until,
        all_copies=all_copies,
    )
    items, total = store_of(request).fact_page(
        where, text=q, sort=sort, descending=order == "desc", limit=limit, offset=offset
    )
    exact = total <= COUNT_CAP  # else there are more than COUNT_CAP: counting stopped there
    page = {"items": items, "total": min(total, COUNT_CAP), "total_exact": exact}
    return page | {"limit": limit, "offset": offset}


@router.get(
    "/facts/{fact_id}",
    summary="One fact, with its ETag for a conditional review",
    responses=problems(404, 422, ok={"headers": {"ETag": ETAG}}),
)
def fact(request: Request, response: Response, fact_id: FactId) -> Any:
    found = store_of(request).fact(fact_id)
    if found is None:
        raise NotFoundError(f"no fact {fact_id}")
    response.headers["ETag"] = etag(fact_id, int(found["review_version"]))
    return found


@router.get(
    "/entries",
    summary="Ledger entries: one per real deal, pledge, agreement, target",
    responses=problems(422),
)
def entries(
    request: Request,
    type: FactType | None = None,
    partner: Code = None,
    conflicts: bool = False,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    page, total = store_of(request).entry_page(
        type=type, partner=partner, conflicts=conflicts, limit=limit, offset=offset
    )
    return {"items": page, "total": total, "limit": limit, "offset": offset}


@router.get(
    "/entries/{key}",
    summary="One entry with every report (evidence) and why it joined",
    responses=problems(404, 422),
)
def entry(request: Request, key: Sha) -> Any:
    store = store_of(request)
    found = store.entry(key)
    if found is None:
        raise NotFoundError(f"no entry {key}")
    return found | {"evidence": store.evidence(key)}


@router.get("/scoreboard", summary="Per partner: counted EUR, USD, share of GDP, conflicts")
def scoreboard(request: Request) -> Any:
    return _cached(request, "scoreboard", lambda s: build_scoreboard(s).as_dict())


@router.get("/pipeline", summary="Co-production agreements by stage and host country")
def pipeline_view(request: Request) -> Any:
    return _cached(request, "pipeline", lambda s: [asdict(c) for c in pipeline(s.entries())])


@router.get("/targets", summary="Programme targets, one entry each")
def targets(request: Request) -> Any:
    return store_of(request).entries("target")


@router.get("/danish-model", summary="Danish-model money per year against Ukraine's goal")
def danish(request: Request) -> Any:
    return _cached(request, "danish", lambda s: [asdict(y) for y in danish_model(s.entries())])


@router.get("/timeline", summary="Dated, sourced steps of every entry")
def timeline_view(request: Request) -> Any:
    return _cached(
        request, "timeline", lambda s: [asdict(e) for e in timeline(s.entries(), s.evidence())]
    )


@router.get("/decisions", summary="The audit log: who decided what, when and why")
def decisions(request: Request) -> Any:
    return [asdict(d) for d in store_of(request).decisions()]


@router.get(
    "/export/{format}",
    summary="The ledger as a file: csv, xlsx, parquet or json",
    response_class=Response,
    responses=problems(422, ok={"content": {media: {} for media in MEDIA.values()}}),
)
def export(
    request: Request,
    format: Literal["csv", "xlsx", "parquet", "json"],
    table: Literal["entries", "facts", "scoreboard", "evidence"] | None = None,
) -> Response:
    one = format in ("csv", "parquet")
    names = [table] if table else (["entries"] if one else list(TABLES))
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / f"coprod.{format}"
        write_export(format, export_tables(store_of(request), names), out)
        body = out.read_bytes()
    disposition = f'attachment; filename="coprod-{"-".join(names)}.{format}"'
    return Response(body, media_type=MEDIA[format], headers={"Content-Disposition": disposition})


def _cached(request: Request, name: str, build: Any) -> Response:
    """Built and encoded once per version of the ledger (a reconciliation or review makes
    a new one): a hit costs one query of the version, not a walk of the JSON again."""
    store = store_of(request)
    version = store.state_version()
    cache: dict[str, tuple[int, bytes]] = request.app.state.cache
    hit = cache.get(name)
    if hit is None or hit[0] != version:
        hit = (version, bytes(JSONResponse(jsonable_encoder(build(store))).body))
        cache[name] = hit
    return Response(hit[1], media_type="application/json")
