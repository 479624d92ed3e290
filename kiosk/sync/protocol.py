"""The sync wire format, shared by the kiosk (client) and central (server). Pure Python, no I/O.

Push (`POST /api/v1/push`, body gzip JSON):
    {"d": device_id, "site": "64.02.12", "e": epoch, "s": first_seq, "v": schema_version, "m": [...]}
  `m` holds consecutive mutations `s, s+1, ...` of one epoch, so no mutation carries its own seq or
  UUID: the idempotency key is (device_id, epoch, seq). Each mutation is an array
  `[code, field1, field2, ...]` in the field order of its `MutationShape` (trailing nulls dropped), or
  `[name, payload]` for a name this protocol version has no shape for. Within a batch,
  - times (integer Unix seconds) are deltas from the previous time in the batch;
  - an entity id that an earlier mutation of the batch introduced (a ticket's "i") is sent as an
    integer: how many introductions back it was (0 = the latest).
  Both are exact and reversible; they turn ~36 incompressible bytes into one or two.
  Answer: {"now": server_time, "a": last_seq_settled, "r": [[seq, reason], ...]}  (r = dead-lettered)
  Gap: 409 {"error": "gap", "expected": seq}.

Pull (`GET /api/v1/pull?cursor=C&limit=N`):
    {"now": server_time, "c": next_cursor, "more": bool, "ch": [[kind, payload], ...]}

Every call carries the protocol and mutation schema versions as headers; every answer carries the
server's time as a header (and as "now" in JSON bodies). Errors are {"error": code, "message": text}.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass, field

from kiosk.outbox import MUTATION_SCHEMA_VERSION

PROTOCOL_VERSION = 1
API_PREFIX = "/api/v1"

HEADER_PROTOCOL = "X-Kiosk-Protocol"
HEADER_SCHEMA = "X-Kiosk-Schema"
HEADER_SERVER_TIME = "X-Server-Time"

# Central refuses bigger pushes (413); the kiosk stays well under.
MAX_BATCH_MUTATIONS = 5000
MAX_BODY_BYTES = 2 * 1024 * 1024
MAX_INFLATED_BYTES = 16 * 1024 * 1024

# Error codes (the "error" key of an error body, and the prefix of the kiosk's last_error).
GAP = "gap"
SEQ_CONFLICT = "seq_conflict"
UPDATE_REQUIRED = "update_required"
UNAUTHORIZED = "unauthorized"
FORBIDDEN = "forbidden"
BAD_REQUEST = "bad_request"

# Pull change kinds.
KIND_CATALOG = "catalog"
KIND_APPLICATION = "app"
KIND_ANNOUNCEMENT = "ann"
# An online booking of a visit (central -> its site): {"id", "code", "service", "day", "start", "end",
# "until", "status", "created_at"}; times are Unix seconds, day is the site's local YYYY-MM-DD.
KIND_BOOKING = "bk"


def accepted_versions(current: int) -> tuple[int, int]:
    """Central accepts the current version and the one before (N-1, N)."""
    return (current - 1, current)


@dataclass(frozen=True)
class MutationShape:
    """How one mutation name is laid out on the wire."""

    code: int
    fields: tuple[str, ...]
    times: frozenset[str] = field(default_factory=frozenset)  # integer Unix seconds
    ids: frozenset[str] = field(default_factory=frozenset)  # entity ids this mutation introduces
    refs: frozenset[str] = field(default_factory=frozenset)  # ids that may point back at an introduction


def _shape(code: int, fields: str, times: str = "", ids: str = "", refs: str = "") -> MutationShape:
    return MutationShape(code, tuple(fields.split()), frozenset(times.split()), frozenset(ids.split()),
                         frozenset(refs.split()))


# Field order follows the payloads written by kiosk.tickets, kiosk.applications and kiosk.survey.
SHAPES: dict[str, MutationShape] = {
    "ticket.issued": _shape(1, "i n s d p a t f", times="a t", ids="i", refs="f"),
    "ticket.event": _shape(2, "i f t c u at r", times="at", refs="i"),
    "application.received": _shape(3, "i rn s nik nm ph ds ad dc nt w st tk u at", times="at", ids="i", refs="tk"),
    "application.status": _shape(4, "i f t u at r", times="at", refs="i"),
    "survey.added": _shape(5, "i s sc at", times="at", ids="i"),
    # The site checked a booking in (booking id, the ticket it issued, when, who): central stops counting it as missed.
    "booking.checked_in": _shape(6, "i tk at u", times="at", refs="tk"),
}
_BY_CODE: dict[int, tuple[str, MutationShape]] = {shape.code: (name, shape) for name, shape in SHAPES.items()}


class WireError(ValueError):
    """A batch that does not follow this format (a bug or a hostile client: the whole batch is refused)."""


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class _BatchState:
    """The running context of one batch: the last time seen and the ids introduced so far."""

    def __init__(self):
        self.prev_time = 0
        self.ids: list[str] = []
        self.index: dict[str, int] = {}

    def introduce(self, value) -> None:
        if isinstance(value, str):
            self.index[value] = len(self.ids)
            self.ids.append(value)


def encode_mutations(mutations: list[tuple[str, dict]]) -> list:
    """The `m` array of a push batch for (name, payload) pairs in seq order."""
    state = _BatchState()
    out = []
    for name, payload in mutations:
        shape = SHAPES.get(name)
        if shape is None or any(_is_int(payload.get(key)) for key in shape.refs):
            # No shape, or a value the reference encoding could not tell apart: send it as it is.
            out.append([name, payload])
            continue
        values = []
        for key in shape.fields:
            value = payload.get(key)
            if key in shape.times and _is_int(value):
                value, state.prev_time = value - state.prev_time, value
            elif key in shape.refs and isinstance(value, str) and value in state.index:
                value = len(state.ids) - 1 - state.index[value]
            values.append(value)
        for key in shape.ids:
            state.introduce(payload.get(key))
        extras = {k: v for k, v in payload.items() if k not in shape.fields}
        if extras:
            values.append(extras)
        else:
            while values and values[-1] is None:
                values.pop()
        out.append([shape.code, *values])
    return out


def decode_mutations(items) -> list[tuple[str, dict]]:
    """Inverse of `encode_mutations`: (name, payload) pairs; every shaped field is present (None if absent)."""
    if not isinstance(items, list):
        raise WireError("m must be a list")
    state = _BatchState()
    out = []
    for position, item in enumerate(items):
        if not isinstance(item, list) or not item:
            raise WireError(f"mutation {position}: not an array")
        head = item[0]
        if isinstance(head, str):
            if len(item) != 2 or not isinstance(item[1], dict):
                raise WireError(f"mutation {position}: generic form is [name, payload]")
            out.append((head, item[1]))
            continue
        if not _is_int(head) or head not in _BY_CODE:
            raise WireError(f"mutation {position}: unknown code {head!r}")
        name, shape = _BY_CODE[head]
        values = item[1:]
        extras = {}
        if len(values) == len(shape.fields) + 1:
            extras = values.pop()
            if not isinstance(extras, dict):
                raise WireError(f"mutation {position}: too many fields")
        elif len(values) > len(shape.fields):
            raise WireError(f"mutation {position}: too many fields")
        payload = {}
        for i, key in enumerate(shape.fields):
            value = values[i] if i < len(values) else None
            if key in shape.times and _is_int(value):
                value = state.prev_time + value
                state.prev_time = value
            elif key in shape.refs and _is_int(value):
                back = len(state.ids) - 1 - value
                if value < 0 or back < 0:
                    raise WireError(f"mutation {position}: reference {value} out of range")
                value = state.ids[back]
            payload[key] = value
        for key in shape.ids:
            state.introduce(payload.get(key))
        payload.update(extras)
        out.append((name, payload))
    return out


def canonical_payload(name: str, payload: dict) -> dict:
    """The payload as central sees it after decoding: every shaped field present."""
    shape = SHAPES.get(name)
    if shape is None:
        return dict(payload)
    full = {key: payload.get(key) for key in shape.fields}
    full.update({k: v for k, v in payload.items() if k not in shape.fields})
    return full


def canonical_json(name: str, payload: dict) -> str:
    """The payload as stable JSON text (keys sorted, every shaped field present): what central stores."""
    return json.dumps(canonical_payload(name, payload), separators=(",", ":"), sort_keys=True, ensure_ascii=False)


def digest_text(name: str, canonical: str) -> str:
    return hashlib.blake2b(f"{name}\n{canonical}".encode(), digest_size=8).hexdigest()


def mutation_digest(name: str, payload: dict) -> str:
    """A short fingerprint of a mutation's content, to tell a true repeat from a reused seq."""
    return digest_text(name, canonical_json(name, payload))


def dumps(data) -> bytes:
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def encode_push(device_id: str, site: str, epoch: int, first_seq: int, schema_version: int,
                mutations: list[tuple[str, dict]]) -> bytes:
    """A whole push body, gzipped."""
    body = {"d": device_id, "site": site, "e": epoch, "s": first_seq, "v": schema_version,
            "m": encode_mutations(mutations)}
    return gzip.compress(dumps(body), compresslevel=9, mtime=0)


@dataclass
class PushBatch:
    device_id: str
    site: str
    epoch: int
    first_seq: int
    schema_version: int
    mutations: list[tuple[str, dict]]

    @property
    def last_seq(self) -> int:
        return self.first_seq + len(self.mutations) - 1


def inflate(raw: bytes, limit: int = MAX_INFLATED_BYTES) -> bytes:
    """gunzip with a ceiling, so a small hostile body cannot expand into gigabytes."""
    import zlib

    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(raw, limit)
    except zlib.error as exc:
        raise WireError(f"bad gzip body: {exc}") from None
    if inflater.unconsumed_tail:
        raise WireError(f"body inflates beyond {limit} bytes")
    if not inflater.eof:
        raise WireError("truncated gzip body")
    return out


def parse_push(raw: bytes, gzipped: bool) -> PushBatch:
    """Parse and decode a push body; raises WireError when it is not a well-formed batch."""
    text = inflate(raw) if gzipped else raw
    try:
        body = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise WireError(f"bad JSON: {exc}") from None
    if not isinstance(body, dict):
        raise WireError("body must be an object")
    d, site, e, s, v = (body.get(k) for k in ("d", "site", "e", "s", "v"))
    if not isinstance(d, str) or not isinstance(site, str):
        raise WireError("d and site must be strings")
    if not all(_is_int(x) for x in (e, s, v)) or s < 1 or e < 0:
        raise WireError("e, s and v must be integers (s >= 1)")
    mutations = decode_mutations(body.get("m"))
    if not mutations:
        raise WireError("empty batch")
    if len(mutations) > MAX_BATCH_MUTATIONS:
        raise WireError(f"more than {MAX_BATCH_MUTATIONS} mutations in one batch")
    return PushBatch(d, site, e, s, v, mutations)


def format_cursor(txid: int, change_id: int) -> str:
    return f"{txid}.{change_id}"


def parse_cursor(text: str | None) -> tuple[int, int]:
    """`""` (from the start) or `TXID.ID`; raises ValueError otherwise."""
    if not text:
        return (0, 0)
    txid, _, change_id = text.partition(".")
    if not txid.isdigit() or not change_id.isdigit():
        raise ValueError(f"bad cursor {text!r}")
    return int(txid), int(change_id)


__all__ = [
    "MUTATION_SCHEMA_VERSION", "PROTOCOL_VERSION", "SHAPES", "PushBatch", "WireError", "accepted_versions",
    "decode_mutations", "encode_mutations", "encode_push", "parse_push", "mutation_digest",
]
