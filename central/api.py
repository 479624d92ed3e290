"""The HTTP API under /api/v1: enroll, push, pull (devices) and the public status lookup.

Bodies are compact JSON built by hand (no per-field validation layer on the hot path); see
mpp/wire.py for the wire format. Every error is {"error": code, "message": text, "now": t}.
"""

from __future__ import annotations

import gzip
import logging
import time
from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy.exc import DBAPIError
from starlette.concurrency import run_in_threadpool

from central import backoffice, devices
from central.changes import read_changes
from central.ingest import PushRefused, apply_push
from mpp import wire
from mpp.wire import MUTATION_SCHEMA_VERSION

log = logging.getLogger("central.api")
router = APIRouter(prefix=wire.API_PREFIX)
ACCEPTED_PROTOCOLS = wire.accepted_versions(wire.PROTOCOL_VERSION)
ACCEPTED_SCHEMAS = wire.accepted_versions(MUTATION_SCHEMA_VERSION)


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, **extra):
        super().__init__(message)
        self.status, self.code, self.message, self.extra = status, code, message, extra


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


class EnrollResponse(BaseModel):
    device_id: str
    secret: str
    site: str
    now: float


@router.post("/enroll", response_model=EnrollResponse, summary="Spend a one-time code for a device")
def enroll(body: EnrollRequest, request: Request):
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

@router.post("/push", summary="Push a batch of outbox mutations (gzip JSON, see mpp/wire.py)")
async def push(request: Request):
    check_versions(request)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > wire.MAX_BODY_BYTES:
        raise ApiError(413, wire.BAD_REQUEST, f"body over {wire.MAX_BODY_BYTES} bytes: send smaller batches")
    raw = await request.body()
    if len(raw) > wire.MAX_BODY_BYTES:
        raise ApiError(413, wire.BAD_REQUEST, f"body over {wire.MAX_BODY_BYTES} bytes: send smaller batches")
    gzipped = request.headers.get("content-encoding", "").lower() == "gzip"
    # A few pushes at a time per process: more threads only fight over the GIL and the connection pool,
    # while a queue in the event loop costs nothing.
    async with _push_slots(request.app):
        result = await run_in_threadpool(_push, request.app.state.db, request.headers.get("authorization"), raw,
                                         gzipped)
    return reply(result)


PUSH_CONCURRENCY = 6


def _push_slots(app):
    import asyncio

    slots = getattr(app.state, "push_slots", None)
    if slots is None:
        slots = app.state.push_slots = asyncio.Semaphore(PUSH_CONCURRENCY)
    return slots


def _push(db, authorization: str | None, raw: bytes, gzipped: bool) -> dict:
    try:
        batch = wire.parse_push(raw, gzipped)
    except wire.WireError as exc:
        raise ApiError(400, wire.BAD_REQUEST, str(exc)) from None
    try:
        with db.write() as conn:
            device = devices.authenticate(conn, authorization)
            if device is None:
                raise ApiError(401, wire.UNAUTHORIZED, "unknown device or wrong secret: enroll this kiosk again")
            return apply_push(conn, device, batch, now_utc(), ACCEPTED_SCHEMAS)
    except PushRefused as exc:
        raise ApiError(exc.status, exc.code, exc.message, **exc.extra) from None


# --- pull ----------------------------------------------------------------------------------------------

@router.get("/pull", summary="Changes for the device's site after a cursor, one page")
def pull(request: Request, cursor: str = "", limit: int = 500):
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

@router.get("/status/{regno}", summary="Public status of an application: status and dates, no personal data")
def status(regno: str, request: Request):
    from mpp.errors import InputError, NotFound

    db = request.app.state.db
    try:
        with db.read() as conn:
            return reply(backoffice.public_status(conn, regno))
    except NotFound as exc:
        raise ApiError(404, "not_found", str(exc)) from None
    except InputError as exc:
        raise ApiError(400, "bad_regno", str(exc)) from None
