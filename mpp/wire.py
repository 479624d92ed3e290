"""The sync wire format between a kiosk (client) and central (server). Pure Python, no I/O.

Push (`POST /api/v1/push`, body gzip JSON):
    {"d": device_id, "site": "64.02.12", "e": epoch, "s": first_seq, "v": schema_version, "m": [...]}
  `m` holds consecutive mutations `s, s+1, ...` of one epoch, so no mutation carries its own seq or
  UUID: the idempotency key is (device_id, epoch, seq). Each mutation is an array
  `[code, field1, field2, ...]` in the field order of its `MutationShape` (trailing nulls dropped), or
  `[name, payload]` for a name this protocol version has no shape for. Within a batch,
  - times (integer Unix seconds) are deltas from the previous time in the batch;
  - an entity id that an earlier mutation of the batch introduced (a ticket's id) is sent as an
    integer: how many introductions back it was (0 = the latest).
  Both are exact and reversible; they turn ~36 incompressible bytes into one or two.
  Answer: {"now": server_time, "a": last_seq_settled, "r": [[seq, reason], ...]}  (r = dead-lettered)
  Gap: 409 {"error": "gap", "expected": seq}.

Pull (`GET /api/v1/pull?cursor=C&limit=N`):
    {"now": server_time, "c": next_cursor, "more": bool, "ch": [[kind, payload], ...]}

Field names: each mutation's fields have a long name (what the domain and central's ingest use) and a
short key (what the outbox stores and the wire carries). `SHAPES` is the only place that maps them:
the domain writes with `payload(TICKET_ISSUED, id=..., number=...)`, central reads with
`read_payload(name, payload)`. The short keys, their order, and so the bytes on the wire and the
digests central keeps, are fixed: changing them is a new protocol version. A shape may grow optional
fields at its end (`optional`): absent (None) they are left out of the stored payload, the wire and the
digest, so every payload written before them keeps its bytes and digest; a kiosk that writes them
says so with the next mutation schema version.

Every call carries the protocol and mutation schema versions as headers; every answer carries the
server's time as a header (and as "now" in JSON bodies). Errors are {"error": code, "message": text}.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

PROTOCOL_VERSION = 1
# Version of the mutation payloads; central accepts this one and the one before.
# 2: survey.added may carry the respondent's profile and suggestion (optional fields at its end).
MUTATION_SCHEMA_VERSION = 2
API_PREFIX = "/api/v1"

HEADER_PROTOCOL = "X-Kiosk-Protocol"
HEADER_SCHEMA = "X-Kiosk-Schema"
HEADER_SERVER_TIME = "X-Server-Time"

# Central refuses bigger pushes (413); the kiosk stays well under.
MAX_BATCH_MUTATIONS = 5000
MAX_BODY_BYTES = 2 * 1024 * 1024
MAX_INFLATED_BYTES = 16 * 1024 * 1024
# One mutation's canonical JSON: above this central dead-letters it, and a kiosk sends only a stub of it.
MAX_MUTATION_BYTES = 64 * 1024
OVERSIZED = "_oversized"  # the stub's one key: the real payload's size in bytes
INT8_MAX = 2**63 - 1
INT4_MAX = 2**31 - 1

# Error codes (the "error" key of an error body, and the prefix of the kiosk's last_error).
GAP = "gap"
SEQ_CONFLICT = "seq_conflict"
FENCED = "fenced"  # a site hub older than the one central has heard from: it must stand down
UPDATE_REQUIRED = "update_required"
UNAUTHORIZED = "unauthorized"
FORBIDDEN = "forbidden"
BAD_REQUEST = "bad_request"
OVERLOADED = "overloaded"  # 503 + Retry-After: central sheds load; try again later

# Mutation names.
TICKET_ISSUED = "ticket.issued"
TICKET_EVENT = "ticket.event"
APPLICATION_RECEIVED = "application.received"
APPLICATION_STATUS = "application.status"
SURVEY_ADDED = "survey.added"
BOOKING_CHECKED_IN = "booking.checked_in"  # the site checked an online booking in (central stops calling it missed)

# Pull change kinds.
KIND_CATALOG = "catalog"
KIND_APPLICATION = "app"
KIND_ANNOUNCEMENT = "ann"
# An online booking of a visit (central -> its site); times are Unix seconds, day the site's local YYYY-MM-DD.
KIND_BOOKING = "bk"


def accepted_versions(current: int) -> tuple[int, int]:
    """Central accepts the current version and the one before (N-1, N)."""
    return (current - 1, current)


def parse_version(value: str | None) -> int | None:
    """A version header's value (a few ASCII digits), or None for anything else."""
    if value is None or not 0 < len(value) <= 6 or not (value.isascii() and value.isdigit()):
        return None
    return int(value)


@dataclass(frozen=True)
class MutationShape:
    """How one mutation is laid out: its wire code and its fields as (long name, short key), in wire order."""

    name: str
    code: int
    fields: tuple[tuple[str, str], ...]
    times: frozenset[str] = field(default_factory=frozenset)  # short keys: integer Unix seconds
    ids: frozenset[str] = field(default_factory=frozenset)  # short keys: entity ids this mutation introduces
    refs: frozenset[str] = field(default_factory=frozenset)  # short keys: ids that may point back
    # Short keys appended later: left out of the stored payload, the wire and the digest while None.
    optional: frozenset[str] = field(default_factory=frozenset)

    # Read on every mutation of every push: computed once.
    @cached_property
    def keys(self) -> tuple[str, ...]:
        return tuple(short for _, short in self.fields)

    @cached_property
    def key_set(self) -> frozenset[str]:
        return frozenset(self.keys)

    @cached_property
    def long_to_short(self) -> dict[str, str]:
        return dict(self.fields)

    @cached_property
    def short_to_long(self) -> dict[str, str]:
        return {short: long for long, short in self.fields}


def _shape(name: str, code: int, fields: str, *, times: str = "", ids: str = "", refs: str = "",
           optional: str = "") -> MutationShape:
    pairs = tuple(tuple(item.split("=")) for item in (fields + " " + optional).split())
    to_short = dict(pairs)
    return MutationShape(name, code, pairs, frozenset(to_short[f] for f in times.split()),
                         frozenset(to_short[f] for f in ids.split()), frozenset(to_short[f] for f in refs.split()),
                         frozenset(item.split("=")[1] for item in optional.split()))


# long=short, in wire order. Never reorder or rename a short key (the wire and stored digests use them).
SHAPES: dict[str, MutationShape] = {s.name: s for s in (
    _shape(TICKET_ISSUED, 1,
           "id=i number=n service=s business_day=d priority=p arrival_at=a issued_at=t transferred_from=f",
           times="arrival_at issued_at", ids="id", refs="transferred_from"),
    _shape(TICKET_EVENT, 2, "id=i from_status=f to_status=t counter=c actor=u at=at note=r",
           times="at", refs="id"),
    _shape(APPLICATION_RECEIVED, 3,
           "id=i registration_number=rn service=s nik=nik name=nm phone=ph desa=ds address=ad documents=dc "
           "notes=nt warnings=w status=st ticket_id=tk operator=u received_at=at",
           times="received_at", ids="id", refs="ticket_id"),
    _shape(APPLICATION_STATUS, 4, "id=i from_status=f to_status=t actor=u at=at reason=r",
           times="at", refs="id"),
    _shape(SURVEY_ADDED, 5, "id=i service=s scores=sc at=at", times="at", ids="id",
           optional="age=ag sex=sx education=ed job=jb suggestion=sg"),
    _shape(BOOKING_CHECKED_IN, 6, "id=i ticket_id=tk at=at actor=u", times="at", refs="ticket_id"),
)}
_BY_CODE: dict[int, tuple[str, MutationShape]] = {shape.code: (name, shape) for name, shape in SHAPES.items()}

# Pull changes: long name -> key in the change's JSON.
CHANGE_KEYS: dict[str, dict[str, str]] = {
    KIND_APPLICATION: {"id": "i", "status": "st", "reason": "r", "at": "at"},
    KIND_CATALOG: {"version": "v", "document": "doc"},
    KIND_ANNOUNCEMENT: {"id": "id", "text": "text", "active": "active", "starts_at": "starts_at",
                        "ends_at": "ends_at"},
    KIND_BOOKING: {k: k for k in ("id", "code", "service", "day", "start", "end", "until", "status", "created_at",
                                  "ticket", "checked_in_at")},
}


def unix_seconds(value: datetime | None) -> int | None:
    """Times inside payloads are integer Unix seconds: short on a slow link."""
    return int(value.timestamp()) if value is not None else None


def payload(name: str, /, **fields) -> dict:
    """The stored (short-key) payload of mutation `name` from its fields by long name.

    Every field of the shape is present (None when not given), in wire order, but an optional one that is
    None; datetimes in time fields become Unix seconds. An unknown field name is a programming error
    (TypeError).
    """
    shape = SHAPES[name]
    to_short = shape.long_to_short
    unknown = set(fields) - set(to_short)
    if unknown:
        raise TypeError(f"{name} has no field {sorted(unknown)[0]!r}")
    out = {}
    for long, short in shape.fields:
        value = fields.get(long)
        if value is None and short in shape.optional:
            continue
        if short in shape.times and isinstance(value, datetime):
            value = unix_seconds(value)
        out[short] = value
    return out


def read_payload(name: str, stored: dict) -> dict:
    """A mutation's payload by long name (keys this version has no name for keep their own)."""
    shape = SHAPES.get(name)
    if shape is None:
        return dict(stored)
    to_long = shape.short_to_long
    return {to_long.get(key, key): value for key, value in stored.items()}


def change_payload(kind: str, /, **fields) -> dict:
    """A pull change's JSON payload from its fields by long name."""
    keys = CHANGE_KEYS[kind]
    unknown = set(fields) - set(keys)
    if unknown:
        raise TypeError(f"change {kind} has no field {sorted(unknown)[0]!r}")
    return {keys[long]: fields.get(long) for long in keys}


def read_change(kind: str, stored: dict) -> dict:
    """A pull change's payload by long name; absent fields are None."""
    return {long: stored.get(short) for long, short in CHANGE_KEYS[kind].items()}


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
    """The `m` array of a push batch for (name, stored payload) pairs in seq order."""
    state = _BatchState()
    out = []
    for name, stored in mutations:
        shape = SHAPES.get(name)
        if shape is None or any(_is_int(stored.get(key)) for key in shape.refs):
            # No shape, or a value the reference encoding could not tell apart: send it as it is.
            out.append([name, stored])
            continue
        values = []
        for key in shape.keys:
            value = stored.get(key)
            if key in shape.times and _is_int(value):
                value, state.prev_time = value - state.prev_time, value
            elif key in shape.refs and isinstance(value, str) and value in state.index:
                value = len(state.ids) - 1 - state.index[value]
            values.append(value)
        for key in shape.ids:
            state.introduce(stored.get(key))
        extras = {k: v for k, v in stored.items() if k not in shape.key_set}
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
            raise WireError(f"mutation {position}: unknown code {str(head)[:20]!r}")
        name, shape = _BY_CODE[head]
        values = item[1:]
        extras = {}
        if len(values) == len(shape.fields) + 1:
            extras = values.pop()
            if not isinstance(extras, dict):
                raise WireError(f"mutation {position}: too many fields")
        elif len(values) > len(shape.fields):
            raise WireError(f"mutation {position}: too many fields")
        decoded = {}
        for i, key in enumerate(shape.keys):
            value = values[i] if i < len(values) else None
            if key in shape.times and _is_int(value):
                value = state.prev_time + value
                state.prev_time = value
            elif key in shape.refs and _is_int(value):
                back = len(state.ids) - 1 - value
                if value < 0 or back < 0:
                    raise WireError(f"mutation {position}: reference {value} out of range")
                value = state.ids[back]
            decoded[key] = value
        for key in shape.ids:
            state.introduce(decoded.get(key))
        for key in shape.optional:
            if decoded[key] is None:
                del decoded[key]
        decoded.update(extras)
        out.append((name, decoded))
    return out


def canonical_payload(name: str, stored: dict) -> dict:
    """The payload as central sees it after decoding: every shaped field present (an optional one only
    when it has a value)."""
    shape = SHAPES.get(name)
    if shape is None:
        return dict(stored)
    full = {key: stored.get(key) for key in shape.keys
            if key not in shape.optional or stored.get(key) is not None}
    if not stored.keys() <= shape.key_set:
        full.update({k: v for k, v in stored.items() if k not in shape.key_set})
    return full


def canonical_json(name: str, stored: dict) -> str:
    """The payload as stable JSON text (short keys sorted, every shaped field present): what central stores."""
    return json.dumps(canonical_payload(name, stored), separators=(",", ":"), sort_keys=True, ensure_ascii=False)


def digest_text(name: str, canonical: str) -> str:
    return hashlib.blake2b(f"{name}\n{canonical}".encode(), digest_size=8).hexdigest()


def mutation_digest(name: str, stored: dict) -> str:
    """A short fingerprint of a mutation's content, to tell a true repeat from a reused seq."""
    return digest_text(name, canonical_json(name, stored))


def oversized_stub(stored_json: str) -> dict:
    """What a kiosk sends instead of a payload too big for any batch; central dead-letters it."""
    return {OVERSIZED: len(stored_json.encode("utf-8"))}


def dumps(data) -> bytes:
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def encode_push(device_id: str, site: str, epoch: int, first_seq: int, schema_version: int,
                mutations: list[tuple[str, dict]], fence: int | None = None) -> bytes:
    """A whole push body, gzipped. `fence`: the sending site hub's epoch (`h`), absent for a PC alone."""
    body = {"d": device_id, "site": site, "e": epoch, "s": first_seq, "v": schema_version,
            "m": encode_mutations(mutations)}
    if fence is not None:
        body["h"] = fence
    return gzip.compress(dumps(body), compresslevel=9, mtime=0)


@dataclass
class PushBatch:
    device_id: str
    site: str
    epoch: int
    first_seq: int
    schema_version: int
    mutations: list[tuple[str, dict]]
    fence: int | None = None  # the sending site hub's epoch

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


_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def _has_lone_surrogate(value) -> bool:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, list):
        return any(_has_lone_surrogate(v) for v in value)
    if isinstance(value, dict):
        return any(_has_lone_surrogate(k) or _has_lone_surrogate(v) for k, v in value.items())
    return False


def loads(text: bytes):
    """JSON from untrusted bytes: bad JSON, nesting too deep to parse and lone surrogates are WireError."""
    try:
        data = json.loads(text)
    except RecursionError:
        raise WireError("JSON nested too deeply") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise WireError(f"bad JSON: {str(exc)[:200]}") from None
    # Escaped surrogate halves decode to text that cannot be stored or hashed; a pair decodes fine.
    if _SURROGATE_ESCAPE.search(text) and _has_lone_surrogate(data):
        raise WireError("bad JSON: lone surrogate in a string")
    return data


def parse_push(raw: bytes, gzipped: bool) -> PushBatch:
    """Parse and decode a push body; raises WireError when it is not a well-formed batch."""
    body = loads(inflate(raw) if gzipped else raw)
    if not isinstance(body, dict):
        raise WireError("body must be an object")
    d, site, e, s, v = (body.get(k) for k in ("d", "site", "e", "s", "v"))
    if not isinstance(d, str) or not isinstance(site, str) or not 0 < len(d) <= 64 or not 0 < len(site) <= 16:
        raise WireError("d and site must be short strings")
    if not all(_is_int(x) for x in (e, s, v)) or not 1 <= s <= INT8_MAX or not 0 <= e <= INT8_MAX \
            or not 0 <= v <= INT4_MAX:
        raise WireError("e, s and v must be integers in range (s >= 1)")
    items = body.get("m")
    if isinstance(items, list) and len(items) > MAX_BATCH_MUTATIONS:
        raise WireError(f"more than {MAX_BATCH_MUTATIONS} mutations in one batch")
    mutations = decode_mutations(items)
    if not mutations:
        raise WireError("empty batch")
    if s + len(mutations) - 1 > INT8_MAX:
        raise WireError("seq out of range")
    h = body.get("h")
    if h is not None and (not _is_int(h) or not 0 <= h <= INT8_MAX):
        raise WireError("h must be an integer in range")
    return PushBatch(d, site, e, s, v, mutations, h)


def format_cursor(txid: int, change_id: int) -> str:
    return f"{txid}.{change_id}"


def parse_cursor(text: str | None) -> tuple[int, int]:
    """`""` (from the start) or `TXID.ID` (each a 64-bit integer); raises ValueError otherwise."""
    if not text:
        return (0, 0)
    txid, _, change_id = text.partition(".")
    for part in (txid, change_id):
        if not (part.isascii() and part.isdigit()) or len(part) > 19 or int(part) > INT8_MAX:
            raise ValueError(f"bad cursor {text[:40]!r}")
    return int(txid), int(change_id)
