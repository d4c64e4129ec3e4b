"""Errors as JSON: every 4xx/5xx answer is `{"error": code, "message": ...}` (plus details), never a trace."""

from __future__ import annotations

import logging
from typing import Any

from dkg.kg import Conflict, KGError, NotFound, ValidationFailed
from dkg.log import LogError
from dkg.remote_store import StoreBehind, StoreUnavailable
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("dkg.api")


class ErrorBody(BaseModel):
    """The body of every error response."""

    error: str
    message: str
    details: dict[str, Any] | None = None


class ApiError(Exception):
    """An error answer: HTTP status, machine-readable code, message for people, optional details/headers."""

    def __init__(self, status: int, code: str, message: str, details: dict[str, Any] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers or {}


def error_response(status: int, code: str, message: str, details: dict[str, Any] | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    """A JSON error response."""
    body: dict[str, Any] = {"error": code, "message": message}
    if details is not None:
        body["details"] = details
    return JSONResponse(body, status_code=status, headers=headers)


def validation_response(exc: ValidationFailed, request: Request) -> Response:
    """422 with the SHACL report: JSON by default, Turtle when the client asks for it."""
    accept = request.headers.get("accept", "")
    if "text/turtle" in accept and "json" not in accept:
        return Response(exc.report.turtle(), status_code=422, media_type="text/turtle")
    return error_response(422, "shacl_violation", str(exc), {"report": exc.report.to_json()})


def kg_error_response(exc: KGError) -> JSONResponse:
    """404 for NotFound, 409 for Conflict, 400 for other refusals; the code is the error class's `code` if it has
    one (e.g. `dkg.review`'s `unknown_review_item`, `already_decided`, `fact_does_not_compile`)."""
    if isinstance(exc, NotFound):
        status, code = 404, "not_found"
    elif isinstance(exc, Conflict):
        status, code = 409, "conflict"
    else:
        status, code = 400, "refused"
    return error_response(status, getattr(exc, "code", None) or code, str(exc))


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Malformed request (bad parameter, query, RDF or JSON)"},
    401: {"model": ErrorBody, "description": "A bearer token is required"},
    403: {"model": ErrorBody, "description": "The token's role does not allow this, or the operation is refused"},
    404: {"model": ErrorBody, "description": "Unknown resource"},
    406: {"model": ErrorBody, "description": "No acceptable representation"},
    409: {"model": ErrorBody, "description": "Conflicts with the current state (e.g. already retracted or decided)"},
    412: {"model": ErrorBody, "description": "If-Match names a version that is no longer current"},
    413: {"model": ErrorBody, "description": "The request body is too large"},
    415: {"model": ErrorBody, "description": "Unsupported request media type"},
    422: {"model": ErrorBody, "description": "SHACL validation failed; details.report holds the report"},
    503: {"model": ErrorBody, "description": "Query timeout or server busy"},
}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI `responses` entries for these error statuses."""
    return {c: ERROR_RESPONSES[c] for c in codes}


def install_error_handlers(app: FastAPI) -> None:
    """Map every exception to a JSON error body."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return error_response(exc.status, exc.code, exc.message, exc.details, exc.headers)

    @app.exception_handler(ValidationFailed)
    async def _shacl(request: Request, exc: ValidationFailed) -> Response:
        return validation_response(exc, request)

    @app.exception_handler(KGError)
    async def _kg_error(request: Request, exc: KGError) -> Response:
        return kg_error_response(exc)

    @app.exception_handler(StoreUnavailable)
    async def _store_down(request: Request, exc: StoreUnavailable) -> Response:
        return error_response(503, "store_unavailable", str(exc), headers={"Retry-After": "5"})

    @app.exception_handler(StoreBehind)
    async def _store_behind(request: Request, exc: StoreBehind) -> Response:
        headers = {"Retry-After": "2", "DKG-Version": str(exc.version), "DKG-Log-Head": str(exc.wanted)}
        return error_response(503, "store_behind", str(exc), headers=headers)

    @app.exception_handler(LogError)
    async def _log_error(request: Request, exc: LogError) -> Response:
        return error_response(400, "log_error", str(exc))

    @app.exception_handler(RequestValidationError)
    async def _bad_params(request: Request, exc: RequestValidationError) -> Response:
        problems = [
            {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))} for e in exc.errors()
        ]
        return error_response(400, "bad_request", "invalid request parameters", {"problems": problems})

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        codes = {404: "not_found", 405: "method_not_allowed", 401: "unauthorized", 403: "forbidden"}
        return error_response(exc.status_code, codes.get(exc.status_code, "http_error"), str(exc.detail),
                              headers=getattr(exc, "headers", None))

    @app.exception_handler(ValueError)
    async def _value_error(request: Request, exc: ValueError) -> Response:
        # a value the checks above let through and a lower layer refused (e.g. an IRI inside RDF)
        return error_response(400, "bad_request", str(exc) or "invalid value")

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(500, "internal_error", "the server failed to answer; the error was logged")
