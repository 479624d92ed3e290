"""The wire format: exact round trips, compactness on a realistic backlog, and hostile bodies refused."""

from __future__ import annotations

import gzip
import json
import random
import uuid

import pytest
from sqlalchemy import select

from kiosk.models import OutboxMutation
from mpp import wire
from kiosk.sync.engine import BACKOFF_CAP, backoff_delay
from tests.synctools import TABANG, busy_days, clock_at, new_store


def _ticket_payloads():
    a, b = str(uuid.uuid4()), str(uuid.uuid4())
    return [
        ("ticket.issued", {"i": a, "n": "A-001", "s": "KTP", "d": "2026-11-30", "p": None, "a": 1764460800,
                           "t": 1764460800, "f": None}),
        ("ticket.event", {"i": a, "f": "waiting", "t": "called", "c": 1, "u": "budi", "at": 1764460860, "r": None}),
        ("ticket.issued", {"i": b, "n": "B-001", "s": "KK", "d": "2026-11-30", "p": "lansia", "a": 1764460800,
                           "t": 1764460900, "f": a}),
        ("ticket.event", {"i": b, "f": "waiting", "t": "called", "c": 2, "u": "sri", "at": 1764460950, "r": "recall"}),
        ("ticket.event", {"i": a, "f": "called", "t": "serving", "c": 1, "u": "budi", "at": 1764460700, "r": None}),
        ("survey.added", {"i": str(uuid.uuid4()), "s": "KTP", "sc": [4, 4, 3, 4, 4, 4, 4, 3, 4], "at": 1764461000}),
        ("application.status", {"i": str(uuid.uuid4()), "f": "received", "t": "forwarded", "u": "system",
                                "at": 1764461001, "r": None}),
    ]


def test_round_trip_is_exact_and_uses_references_and_time_deltas():
    mutations = _ticket_payloads()
    encoded = wire.encode_mutations(mutations)
    assert wire.decode_mutations(json.loads(json.dumps(encoded))) == mutations
    # The second event of ticket a points back at its introduction instead of repeating the UUID.
    assert encoded[1][1] == 0 and encoded[2][-1] == 0 and encoded[4][1] == 1
    # Times after the first are deltas (also backwards ones: a wrong clock is still exact).
    assert encoded[1][6] == 60 and encoded[4][6] == 1764460700 - 1764460950
    # Trailing nulls are not sent.
    assert encoded[1] == [2, 0, "waiting", "called", 1, "budi", 60]


def test_unknown_names_extra_keys_and_odd_values_survive():
    mutations = [
        ("future.thing", {"x": 1, "i": "abc"}),
        ("ticket.event", {"i": "not-a-uuid-but-fine", "f": None, "t": "done", "c": None, "u": None,
                          "at": "yesterday", "r": None, "new_key": [1, 2]}),
        ("ticket.issued", {"i": "t1", "n": "A-001", "s": "KTP", "d": "2026-11-30", "p": None, "a": 5, "t": 6,
                           "f": 7}),  # an int where an id belongs must not be read as a reference
        ("ticket.event", {"i": "t1", "t": "called", "at": True}),
    ]
    decoded = wire.decode_mutations(wire.encode_mutations(mutations))
    assert [(n, wire.canonical_payload(n, p)) for n, p in decoded] == \
        [(n, wire.canonical_payload(n, p)) for n, p in mutations]


def test_digest_ignores_encoding_context_but_not_content():
    name, payload = _ticket_payloads()[1]
    full = wire.canonical_payload(name, payload)
    assert wire.mutation_digest(name, payload) == wire.mutation_digest(name, full)
    assert wire.mutation_digest(name, {**payload, "c": 2}) != wire.mutation_digest(name, payload)


def test_a_realistic_day_is_well_under_40_bytes_a_mutation(tmp_path):
    clock = clock_at()
    store = new_store(tmp_path / "k.sqlite3", TABANG, clock)
    busy_days(store, clock, days=1, tickets_per_day=300, applications_per_day=50, surveys_per_day=60)
    with store.read() as s:
        rows = [(r.name, json.loads(r.payload)) for r in s.scalars(select(OutboxMutation).order_by(OutboxMutation.id))]
    store.close()
    body = wire.encode_push(str(uuid.uuid4()), TABANG, 1, 1, 1, rows)
    per_mutation = len(body) / len(rows)
    assert per_mutation < 30, per_mutation
    batch = wire.parse_push(body, gzipped=True)
    assert batch.mutations == [(n, wire.canonical_payload(n, p)) for n, p in rows]
    assert (batch.first_seq, batch.last_seq) == (1, len(rows))


@pytest.mark.parametrize("body, message", [
    (b"not gzip", "bad gzip"),
    (gzip.compress(b"[1,2]"), "object"),
    (gzip.compress(b'{"d":"x","site":"y","e":1,"s":0,"v":1,"m":[[1]]}'), "s >= 1"),
    (gzip.compress(b'{"d":"x","site":"y","e":1,"s":1,"v":1,"m":[]}'), "empty"),
    (gzip.compress(b'{"d":"x","site":"y","e":1,"s":1,"v":1,"m":[[99,1]]}'), "unknown code"),
    (gzip.compress(b'{"d":"x","site":"y","e":1,"s":1,"v":1,"m":[[2,5]]}'), "out of range"),
    (gzip.compress(b'{"d":"x","site":"y","e":1,"s":1,"v":1,"m":[[2,"a",1,2,3,4,5,6,7,8]]}'), "too many"),
    (gzip.compress(b"{" + b" " * (wire.MAX_INFLATED_BYTES + 10) + b"}"), "inflates beyond"),
    (gzip.compress(b'{"d":"x"}')[:-6], "truncated"),
])
def test_malformed_bodies_are_refused(body, message):
    with pytest.raises(wire.WireError, match=message):
        wire.parse_push(body, gzipped=True)


def test_too_many_mutations_in_one_batch_is_refused():
    body = wire.encode_push("d", TABANG, 1, 1, 1, [("x.y", {})] * (wire.MAX_BATCH_MUTATIONS + 1))
    with pytest.raises(wire.WireError, match="more than"):
        wire.parse_push(body, gzipped=True)


def test_cursor_format():
    assert wire.parse_cursor("") == (0, 0)
    assert wire.parse_cursor(wire.format_cursor(123456789012, 7)) == (123456789012, 7)
    for bad in ("1", "a.b", "-1.2", "1.2.3"):
        with pytest.raises(ValueError):
            wire.parse_cursor(bad)


def test_backoff_is_full_jitter_and_capped():
    rng = random.Random(1)
    for failures in range(0, 40):
        delays = [backoff_delay(failures, rng) for _ in range(50)]
        ceiling = min(BACKOFF_CAP, 2.0 * 2 ** failures)
        assert all(1.0 <= d <= max(1.0, ceiling) for d in delays)
    late = [backoff_delay(30, rng) for _ in range(200)]
    assert max(late) <= BACKOFF_CAP and min(late) < BACKOFF_CAP / 2  # jitter spreads the fleet
