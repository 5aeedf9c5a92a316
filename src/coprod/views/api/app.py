"""The web service: the JSON API under /api/ and the dashboard at /, on one ledger.

`create_app(db)` builds it; `coprod serve` runs it with uvicorn. Reading is open to
anyone; writing (reviews) needs a token of an editor or admin (`coprod user add`). Every
error is one JSON shape, {"error": {"code": ..., "message": ...}}, whatever raised it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from coprod.errors import CoprodError, InputError, NotFoundError, StaleError, StoreError
from coprod.settings import Settings
from coprod.store import Store
from coprod.views.api.read import router as read_router
from coprod.views.api.write import router as write_router

STATUS = {NotFoundError: 404, StaleError: 412, InputError: 400, StoreError: 503}
CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
         405: "method_not_allowed", 412: "stale", 422: "invalid", 428: "precondition_required",
         500: "internal", 503: "unavailable"}  # fmt: skip
ANALYSIS_LIMIT = 1000  # rows sampled per index by ANALYZE: enough to tell selective from not


def create_app(db: str, settings: Settings | None = None) -> FastAPI:
    """The app on the ledger `db` (a SQLite path or a database URL), migrated on start."""
    settings = settings or Settings.from_env(db=db)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        store = Store.open(settings.db, settings.batch_size, create=True)
        _plan_statistics(store)
        app.state.store = store
        app.state.cache = {}
        try:
            yield
        finally:
            store.close()

    app = FastAPI(
        title="coprod",
        version="1",
        summary="Evidence-linked tracker of defence-industrial cooperation with Ukraine",
        lifespan=lifespan,
    )
    app.include_router(read_router, prefix="/api")
    app.include_router(write_router, prefix="/api")
    _errors(app)
    _dashboard(app)
    return app


def _plan_statistics(store: Store) -> None:
    """Let SQLite's planner know the ledger's shape (a fact type is no selective filter;
    a date range is), sampled so it takes milliseconds on a million facts. Statistics for
    the query planner only: nothing in the ledger changes."""
    if store.engine.dialect.name != "sqlite":
        return
    with store.engine.begin() as connection:
        connection.exec_driver_sql(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
        connection.exec_driver_sql("ANALYZE")


def error(status: int, message: str) -> JSONResponse:
    body = {"error": {"code": CODES.get(status, "error"), "message": message}}
    return JSONResponse(body, status_code=status)


def _errors(app: FastAPI) -> None:
    @app.exception_handler(CoprodError)
    async def coprod_error(_: Request, exc: CoprodError) -> JSONResponse:
        status = next((s for kind, s in STATUS.items() if isinstance(exc, kind)), 500)
        return error(status, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        response = error(exc.status_code, str(exc.detail))
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        first: dict[str, Any] = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return error(422, f"{where}: {first.get('msg', 'invalid request')}")

    @app.exception_handler(Exception)
    async def internal(_: Request, exc: Exception) -> JSONResponse:
        return error(500, f"internal error: {type(exc).__name__}")


def _dashboard(app: FastAPI) -> None:
    """The dashboard's files ship in the package: no CDN, nothing fetched elsewhere."""
    web = resources.files("coprod.views") / "web"
    index = web / "index.html"
    if not index.is_file():
        return
    app.mount("/static", StaticFiles(directory=str(web)), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(str(index), media_type="text/html")
