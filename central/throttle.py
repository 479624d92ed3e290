"""Rate limits on the sync API's calls a stranger on the network can make without a device token (slowapi).

(The web pages' sign-in, status and booking limits are counted in the database: `central.ratelimit`.)

Per client address and per app process (in-memory counters: with N workers a client gets up to N times
the limit; put a proxy's own limit in front for more). Limits are `limits` strings, set by environment
variable so an operator can tighten them: KIOSK_SERVER_RATE_ENROLL, KIOSK_SERVER_RATE_STATUS (`off` turns
one off). Behind a reverse proxy the client address comes from
X-Forwarded-For only when uvicorn trusts that proxy (`--forwarded-allow-ips`, default 127.0.0.1).
"""

from __future__ import annotations

import os

from slowapi import Limiter
from slowapi.util import get_remote_address

DEFAULTS = {
    "KIOSK_SERVER_RATE_ENROLL": "10/minute",  # a technician enrolls a handful of PCs
    "KIOSK_SERVER_RATE_STATUS": "60/minute",  # citizens scanning receipts at a kiosk share one address
}
UNLIMITED = "1000000/second"

limiter = Limiter(key_func=get_remote_address)


def _limit(env: str) -> str:
    value = os.environ.get(env, DEFAULTS[env]).strip()
    return UNLIMITED if value.lower() in ("off", "0", "") else value


def enroll_limit() -> str:
    return _limit("KIOSK_SERVER_RATE_ENROLL")


def status_limit() -> str:
    return _limit("KIOSK_SERVER_RATE_STATUS")

