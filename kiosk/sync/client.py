"""HTTP client of the sync API (requests). Timeouts are seconds; no hidden retries (the engine decides).

Every call sends the protocol and schema versions and measures the clock skew from the server's
X-Server-Time: skew = server time - this PC's time at the middle of the call (positive: PC is behind).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import requests

from kiosk.clock import Clock
from kiosk.errors import InputError, KioskError
from mpp import wire
from mpp.wire import MUTATION_SCHEMA_VERSION

CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 30.0


class SyncError(KioskError):
    """A sync call that did not succeed; `code` is stable (it prefixes last_error), `transient` says retry soon."""

    code = "error"
    transient = True

    def __str__(self) -> str:
        return f"{self.code}: {super().__str__()}"


class Offline(SyncError):
    code = "offline"


class SyncTimeout(SyncError):
    code = "timeout"


class ServerError(SyncError):
    code = "server_error"


class Overloaded(ServerError):
    """Central is over capacity (503/429 with Retry-After): try again no sooner than `retry_after` seconds."""

    code = wire.OVERLOADED

    def __init__(self, message: str, retry_after: float):
        super().__init__(message)
        self.retry_after = retry_after


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """A Retry-After header (seconds, or an HTTP date) as seconds from now, within 1..3600; None if absent."""
    if not value:
        return None
    text = value.strip()
    if text.isascii() and text.isdigit():
        seconds = float(text[:6])
    else:
        from email.utils import parsedate_to_datetime

        try:
            seconds = parsedate_to_datetime(text).timestamp() - (now if now is not None else time.time())
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
    return min(3600.0, max(1.0, seconds))


class UpdateRequired(SyncError):
    code = wire.UPDATE_REQUIRED
    transient = False


class Unauthorized(SyncError):
    code = wire.UNAUTHORIZED
    transient = False


class Forbidden(SyncError):
    code = wire.FORBIDDEN
    transient = False


class BadRequest(SyncError):
    code = wire.BAD_REQUEST
    transient = False


class SeqConflict(SyncError):
    """Central holds (epoch, seq) with other content: this kiosk's rows from there on need a new epoch."""

    code = wire.SEQ_CONFLICT
    transient = False

    def __init__(self, message: str, epoch: int = 0, conflicts: list[int] | None = None, max_epoch: int = 0):
        super().__init__(message)
        self.epoch, self.conflicts, self.max_epoch = epoch, list(conflicts or []), max_epoch


class Fenced(SyncError):
    """Central heard from a newer site hub for this site's identity: this PC must stand down."""

    code = wire.FENCED
    transient = False

    def __init__(self, message: str, epoch: int = 0):
        super().__init__(message)
        self.epoch = epoch


class Gap(SyncError):
    code = wire.GAP

    def __init__(self, message: str, expected: int):
        super().__init__(message)
        self.expected = expected


class EnrollRefused(InputError):
    """The server refused the enrollment code (wrong, expired, used, other site)."""


@dataclass
class Reply:
    data: dict
    skew: float | None


class Client:
    """One server, one device's credentials (None before enrollment)."""

    def __init__(self, base_url: str, *, device_id: str | None = None, secret: str | None = None,
                 clock: Clock | None = None, connect_timeout: float = CONNECT_TIMEOUT,
                 read_timeout: float = READ_TIMEOUT, protocol_version: int = wire.PROTOCOL_VERSION,
                 schema_version: int = MUTATION_SCHEMA_VERSION):
        self.base_url = base_url.rstrip("/")
        self.clock = clock or Clock()
        self.timeout = (connect_timeout, read_timeout)
        self.last_skew: float | None = None
        self.session = requests.Session()
        self.session.headers.update({
            wire.HEADER_PROTOCOL: str(protocol_version),
            wire.HEADER_SCHEMA: str(schema_version),
            "User-Agent": "mini-mpp-kiosk-sync",
        })
        if device_id and secret:
            self.session.headers["Authorization"] = f"Bearer {device_id}:{secret}"

    def close(self) -> None:
        self.session.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _call(self, method: str, path: str, *, timeout=None, **kw) -> Reply:
        url = f"{self.base_url}{wire.API_PREFIX}{path}"
        sent = self.clock.now().timestamp()
        started = time.monotonic()
        try:
            response = self.session.request(method, url, timeout=timeout or self.timeout, **kw)
            body = response.content  # read it all here, so a cut body fails inside this try
        except requests.Timeout as exc:
            raise SyncTimeout(f"server tidak menjawab dalam {timeout or self.timeout} detik ({url})") from exc
        except requests.RequestException as exc:
            raise Offline(f"tidak bisa menghubungi {self.base_url}: {type(exc).__name__}") from exc
        skew = None
        header = response.headers.get(wire.HEADER_SERVER_TIME)
        if header:
            try:
                middle = sent + (time.monotonic() - started) / 2
                skew = round(float(header) - middle, 1)
                self.last_skew = skew
            except ValueError:
                pass
        try:
            data = response.json() if body else {}
        except ValueError:
            data = {}
        if not isinstance(data, dict):
            data = {}
        if response.status_code == 200 and data:
            return Reply(data, skew)
        self._raise(response.status_code, data, body, response.headers.get("Retry-After"))
        raise AssertionError("unreachable")

    @staticmethod
    def _raise(status: int, data: dict, body: bytes, retry_after: str | None = None) -> None:
        message = data.get("message") or body[:200].decode("utf-8", "replace") or f"HTTP {status}"
        code = data.get("error")
        wait = retry_after_seconds(retry_after)
        if status in (429, 503) and wait is not None:
            raise Overloaded(f"HTTP {status}: {message} (coba lagi setelah {wait:.0f} detik)", wait)
        if status == 426 or code == wire.UPDATE_REQUIRED:
            raise UpdateRequired(message)
        if status == 401:
            raise Unauthorized(message)
        if status == 409 and code == wire.GAP:
            raise Gap(message, int(data.get("expected", 0)))
        if status == 409 and code == wire.FENCED:
            raise Fenced(message, int(data.get("epoch") or 0))
        if status == 409 and code == wire.SEQ_CONFLICT:
            raise SeqConflict(message, int(data.get("epoch") or 0), [int(x) for x in data.get("conflicts") or []],
                              int(data.get("max_epoch") or 0))
        if status == 403:
            raise Forbidden(message)
        if status in (400, 404, 413, 422):
            raise BadRequest(f"HTTP {status}: {message}")
        if status >= 500 or status == 429 or status == 200:
            raise ServerError(f"HTTP {status}: {message}")
        raise BadRequest(f"HTTP {status}: {message}")

    # --- calls -----------------------------------------------------------------------------------------

    def enroll(self, code: str, *, device_uuid: str, site: str, name: str) -> dict:
        try:
            return self._call("POST", "/enroll", json={"code": code, "device": device_uuid, "site": site,
                                                       "name": name}).data
        except Forbidden as exc:
            raise EnrollRefused(str(exc).split(": ", 1)[-1]) from None

    def push(self, body: bytes, *, timeout: float | None = None) -> Reply:
        headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
        return self._call("POST", "/push", data=body, headers=headers,
                          timeout=(self.timeout[0], timeout) if timeout else None)

    def pull(self, cursor: str, limit: int = 500) -> Reply:
        return self._call("GET", "/pull", params={"cursor": cursor, "limit": limit})

    def health(self) -> dict:
        response = self.session.get(f"{self.base_url}/healthz", timeout=self.timeout)
        response.raise_for_status()
        return response.json()
