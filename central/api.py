"""The HTTP API under /api/v1: enroll, push, pull (devices) and the public status lookup.

Bodies are compact JSON built by hand (no per-field validation layer on the hot path); see
mpp/wire.py for the wire format. Every error is {"error": code, "message": text, "now": t}.
"""

from __future__ import annotations

import gzip
import logging
import math
import os
import time
from datetime import UTC, datetime

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy.exc import DBAPIError
from starlette.concurrency import run_in_threadpool

from central import backoffice, devices
from central.changes import read_changes
from central.ingest import PushRefused, ingest
from central.throttle import enroll_limit, limiter, status_limit
from mpp import wire
from mpp.wire import MUTATION_SCHEMA_VERSION

log = logging.getLogger("central.api")
router = APIRouter(prefix=wire.API_PREFIX)
ACCEPTED_PROTOCOLS = wire.accepted_versions(wire.PROTOCOL_VERSION)
ACCEPTED_SCHEMAS = wire.accepted_versions(MUTATION_SCHEMA_VERSION)


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, *, headers: dict | None = None, **extra):
        super().__init__(message)
        self.status, self.code, self.message, self.extra = status, code, message, extra
        self.headers = headers or {}


def now_utc() -> datetime:
    return datetime.now(UTC)


def reply(data: dict, status: int = 200) -> JSONResponse:
    return JSONResponse({**data, "now": round(time.time(), 3)}, status_code=status)


def reply_gzip(request: Request, data: dict) -> Response:
    """A big answer (pull pages carry whole catalogs), gzipped when the client takes it."""
    body = wire.dumps({**data, "now": round(time.time(), 3)})
    if len(body) > 1024 and "gzip" in request.headers.get("accept-encoding", ""):
        return Response(gzip.compress(body, 6), media_type="application/json",
                        headers={"Content-Encoding": "gzip", "Vary": "Accept-Encoding"})
    return Response(body, media_type="application/json")


def _header_int(request: Request, name: str) -> int | None:
    return wire.parse_version(request.headers.get(name))


def check_versions(request: Request) -> None:
    """Central accepts protocol and mutation schema N and N-1; anything else must update (426)."""
    proto, schema = _header_int(request, wire.HEADER_PROTOCOL), _header_int(request, wire.HEADER_SCHEMA)
    if proto not in ACCEPTED_PROTOCOLS or schema not in ACCEPTED_SCHEMAS:
        raise ApiError(426, wire.UPDATE_REQUIRED,
                       f"protocol {proto} / schema {schema} not accepted; this server accepts protocol "
                       f"{list(ACCEPTED_PROTOCOLS)} and schema {list(ACCEPTED_SCHEMAS)}",
                       accepted_protocol=list(ACCEPTED_PROTOCOLS), accepted_schema=list(ACCEPTED_SCHEMAS))


def _device(conn, request: Request):
    device = devices.authenticate(conn, request.headers.get("authorization"))
    if device is None:
        raise ApiError(401, wire.UNAUTHORIZED, "unknown device or wrong secret: enroll this kiosk again")
    return device


# --- enrollment ---------------------------------------------------------------------------------------

class EnrollRequest(BaseModel):
    code: str = Field(max_length=64)
    device: str = Field(min_length=8, max_length=36, pattern=r"^[0-9A-Za-z][0-9A-Za-z-]{7,35}$",
                        description="the kiosk's device UUID")
    site: str = Field(max_length=16)
    name: str = Field(default="", max_length=80)


class ErrorBody(BaseModel):
    error: str
    message: str
    now: float


class EnrollResponse(BaseModel):
    device_id: str
    secret: str
    site: str
    now: float


@router.post("/enroll", response_model=EnrollResponse, summary="Spend a one-time code for a device",
             responses={403: {"model": ErrorBody}, 429: {"model": ErrorBody}})
@limiter.limit(enroll_limit)
def enroll(request: Request, body: EnrollRequest):
    check_versions(request)
    db = request.app.state.db
    try:
        with db.write() as conn:
            device, secret = devices.enroll(conn, body.code, device_id=body.device, site_code=body.site,
                                            name=body.name, now=now_utc())
    except devices.EnrollRefused as exc:
        raise ApiError(403, exc.code, exc.message) from None
    return reply({"device_id": device["id"], "secret": secret, "site": device["site_code"]})


# --- push ----------------------------------------------------------------------------------------------

class PushAnswer(BaseModel):
    a: int = Field(description="last seq settled (applied, repeated or dead-lettered)")
    r: list[list] = Field(description="dead letters of this batch: [[seq, reason], ...]")
    now: float


# The body is read by hand (gzip, bounded while reading, parsed only after authentication), so its shape
# is described here for readers and schema fuzzers.
PUSH_BODY_SCHEMA = {
    "type": "object",
    "required": ["d", "site", "e", "s", "v", "m"],
    "properties": {
        "d": {"type": "string", "description": "device id (the token's)", "maxLength": 64},
        "site": {"type": "string", "description": "site code, e.g. 64.02.12", "maxLength": 16},
        "e": {"type": "integer", "minimum": 0, "description": "outbox epoch"},
        "s": {"type": "integer", "minimum": 1, "description": "seq of the first mutation"},
        "v": {"type": "integer", "minimum": 0, "description": "mutation schema version"},
        "m": {"type": "array", "maxItems": wire.MAX_BATCH_MUTATIONS,
              "description": "mutations s, s+1, ...: [code, field...] or [name, payload] (see mpp/wire.py)",
              "items": {"type": "array", "minItems": 1, "items": {}}},
    },
}
PUSH_OPENAPI = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": PUSH_BODY_SCHEMA},
}, "description": f"JSON, usually with Content-Encoding: gzip; at most {wire.MAX_BODY_BYTES} bytes on the wire"}}


async def read_bounded(request: Request, limit: int) -> bytes:
    """The body, counted while it arrives (chunked too): past `limit` bytes it is refused at once (413)."""
    too_big = ApiError(413, wire.BAD_REQUEST, f"body over {limit} bytes: send smaller batches")
    declared = request.headers.get("content-length", "")
    if declared.isascii() and declared.isdigit() and int(declared) > limit:
        raise too_big
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_big
        chunks.append(chunk)
    return b"".join(chunks)


@router.post("/push", summary="Push a batch of outbox mutations (gzip JSON, see mpp/wire.py)",
             response_model=PushAnswer, openapi_extra=PUSH_OPENAPI,
             responses={400: {"model": ErrorBody}, 401: {"model": ErrorBody}, 403: {"model": ErrorBody},
                        409: {"model": ErrorBody}, 413: {"model": ErrorBody}, 426: {"model": ErrorBody},
                        503: {"model": ErrorBody, "description": "overloaded: retry after Retry-After seconds"}})
async def push(request: Request):
    check_versions(request)
    gate = push_gate(request.app)
    # Over capacity: say so at once (before even reading the body) instead of queueing work nobody will
    # wait for. A slow upload never holds a place: admission comes after the body is in.
    if not gate.may_enter():
        raise gate.refusal()
    raw = await read_bounded(request, wire.MAX_BODY_BYTES)  # bytes only, in the event loop: nothing parsed yet
    gzipped = request.headers.get("content-encoding", "").lower() == "gzip"
    if not gate.enter():
        raise gate.refusal()
    try:
        async with gate.slots:
            started = time.perf_counter()
            result = await run_in_threadpool(_push, request.app.state.db, request.headers.get("authorization"),
                                             raw, gzipped)
            gate.served(time.perf_counter() - started)
    finally:
        gate.leave()
    return reply(result)


class PushGate:
    """Admission of pushes in one app process: `concurrency` run at once (more threads only fight over the
    GIL and the connection pool), at most `limit` admitted in all (running + waiting in the event loop).
    Past that a push is shed with 503 + Retry-After, so the ones admitted keep a bounded latency and the
    devices back off instead of waiting in a queue that only grows."""

    def __init__(self, concurrency: int, limit: int):
        import asyncio

        self.slots = asyncio.Semaphore(concurrency)
        self.concurrency, self.limit = concurrency, max(limit, concurrency)
        self.admitted = 0
        self.service_s = 0.02  # moving average of one push's service time
        self.shed_share = 0.0  # moving average of the share of pushes shed

    def _count(self, shed: bool) -> None:
        self.shed_share += ((1.0 if shed else 0.0) - self.shed_share) * 0.02

    def may_enter(self) -> bool:
        """Before reading a body: False (counted as shed) when there is no room anyway."""
        if self.admitted >= self.limit:
            self._count(shed=True)
            return False
        return True

    def enter(self) -> bool:
        shed = self.admitted >= self.limit
        self._count(shed)
        if shed:
            return False
        self.admitted += 1
        return True

    def refusal(self) -> ApiError:
        return ApiError(503, wire.OVERLOADED, "server pusat sedang penuh; coba lagi nanti (overloaded)",
                        headers={"Retry-After": str(self.retry_after())})

    def leave(self) -> None:
        self.admitted -= 1

    def served(self, seconds: float) -> None:
        self.service_s += (seconds - self.service_s) * 0.05

    def retry_after(self) -> int:
        """Seconds to stay away: longer the more is being shed, so retries do not pile onto the overload
        (2 s for a blip, ~16 s when half is shed, 30 s when nearly all is; devices add their own jitter).
        Every retry that comes back too soon is one more request to shed: shedding must not eat the
        capacity it protects."""
        drain = 2 * self.admitted * self.service_s / self.concurrency
        return max(1, min(60, math.ceil(max(drain, 2 + 28 * self.shed_share))))


PUSH_CONCURRENCY = int(os.environ.get("KIOSK_SERVER_PUSH_CONCURRENCY", "3"))
PUSH_QUEUE = int(os.environ.get("KIOSK_SERVER_PUSH_QUEUE", "12"))  # admitted pushes per process


def push_gate(app) -> PushGate:
    gate = getattr(app.state, "push_gate", None)
    if gate is None:
        gate = app.state.push_gate = PushGate(PUSH_CONCURRENCY, PUSH_QUEUE)
    return gate


def _push(db, authorization: str | None, raw: bytes, gzipped: bool) -> dict:
    # Who is asking comes first: a stranger's body is never inflated or parsed.
    with db.lookup() as conn:
        device = devices.authenticate(conn, authorization)
    if device is None:
        raise ApiError(401, wire.UNAUTHORIZED, "unknown device or wrong secret: enroll this kiosk again")
    try:
        batch = wire.parse_push(raw, gzipped)
    except wire.WireError as exc:
        raise ApiError(400, wire.BAD_REQUEST, str(exc)) from None
    if batch.fence is not None:
        try:
            devices.check_fence(db, device, batch.fence)
        except devices.Fenced as exc:
            raise ApiError(409, wire.FENCED, str(exc), epoch=exc.epoch) from None
    try:
        return ingest(db, device, batch, now_utc(), ACCEPTED_SCHEMAS)
    except PushRefused as exc:
        raise ApiError(exc.status, exc.code, exc.message, **exc.extra) from None


# --- pull ----------------------------------------------------------------------------------------------

class PullAnswer(BaseModel):
    c: str = Field(description="the cursor to send next time")
    more: bool = Field(description="true when another page follows at once")
    ch: list[list] = Field(description="changes: [[kind, payload], ...] (kinds: catalog, app, ann)")
    now: float


@router.get("/pull", summary="Changes for the device's site after a cursor, one page", response_model=PullAnswer,
            responses={400: {"model": ErrorBody}, 401: {"model": ErrorBody}, 426: {"model": ErrorBody}})
def pull(request: Request, cursor: str = Query("", max_length=64, description="TXID.ID, empty from the start"),
         limit: int = Query(500, ge=1, le=100_000)):
    check_versions(request)
    # A read-only transaction: it takes no transaction id, so it never holds back the horizon it reads
    # (see central.changes).
    with request.app.state.db.read() as conn:
        device = _device(conn, request)
        try:
            page, next_cursor, more = read_changes(conn, device.site_code, cursor, limit=limit)
        except ValueError as exc:
            raise ApiError(400, wire.BAD_REQUEST, str(exc)) from None
    # The cursor sent proves everything before it reached the device: the back office shows the rest as backlog.
    # Only a display aid: failing to note it never fails the pull.
    from central.deviceinfo import note_pull

    try:
        note_pull(request.app.state.db, device.id, cursor, now_utc())
    except DBAPIError as exc:
        log.warning("pull cursor of %s not noted: %s", device.id, exc.orig)
    return reply_gzip(request, {"c": next_cursor, "more": more, "ch": page})


# --- public --------------------------------------------------------------------------------------------

@router.get("/status/{regno}", summary="Public status of an application: status and dates, no personal data",
            responses={400: {"model": ErrorBody}, 404: {"model": ErrorBody}, 429: {"model": ErrorBody}})
@limiter.limit(status_limit)
def status(request: Request, regno: str = Path(max_length=64)):
    from mpp.errors import InputError, NotFound

    db = request.app.state.db
    try:
        with db.read() as conn:
            return reply(backoffice.public_status(conn, regno))
    except NotFound as exc:
        raise ApiError(404, "not_found", str(exc)) from None
    except InputError as exc:
        raise ApiError(400, "bad_regno", str(exc)) from None
