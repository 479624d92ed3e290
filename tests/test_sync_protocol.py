"""The wire format: exact round trips, compactness on a realistic backlog, and hostile bodies refused."""

from __future__ import annotations

import gzip
import json
import random
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from kiosk.models import OutboxMutation
from kiosk.sync.engine import BACKOFF_CAP, backoff_delay
from mpp import wire
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
    (gzip.compress(b"[1,2]", mtime=0), "object"),
    (gzip.compress(b'{"d":"x","site":"y","e":1,"s":0,"v":1,"m":[[1]]}', mtime=0), "s >= 1"),
    (gzip.compress(b'{"d":"x","site":"y","e":1,"s":1,"v":1,"m":[]}', mtime=0), "empty"),
    (gzip.compress(b'{"d":"x","site":"y","e":1,"s":1,"v":1,"m":[[99,1]]}', mtime=0), "unknown code"),
    (gzip.compress(b'{"d":"x","site":"y","e":1,"s":1,"v":1,"m":[[2,5]]}', mtime=0), "out of range"),
    (gzip.compress(b'{"d":"x","site":"y","e":1,"s":1,"v":1,"m":[[2,"a",1,2,3,4,5,6,7,8]]}', mtime=0), "too many"),
    (gzip.compress(b"{" + b" " * (wire.MAX_INFLATED_BYTES + 10) + b"}", mtime=0), "inflates beyond"),
    (gzip.compress(b'{"d":"x"}', mtime=0)[:-6], "truncated"),
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


# --- the wire bytes and digests do not change with named fields ------------------------------------------
# Produced by the code before payload fields had names (kiosk/sync/protocol.py of November 2026): an old
# kiosk's outbox rows and the digests central already stores must stay valid.
GOLDEN_DEVICE = "0d4f7c2e-5b7a-4c1e-8f3a-9e2b6d1c0a5f"
GOLDEN_STORED = [
    '{"i":"1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed","n":"A-001","s":"KTP","d":"2026-11-30","p":null,"a":1764460800,"t":1764460800,"f":null}',
    '{"i":"1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed","f":"waiting","t":"called","c":1,"u":"budi","at":1764460860,"r":null}',
    '{"i":"6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b","n":"B-001","s":"KK","d":"2026-11-30","p":"lansia","a":1764460800,"t":1764460900,"f":"1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed"}',
    '{"i":"6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b","f":"waiting","t":"called","c":2,"u":"sri","at":1764460950,"r":"recall"}',
    '{"i":"3f333df6-90a4-4fda-8dd3-9485d27cee36","rn":"640212-261130-7KQ0001-X","s":"SKCK","nik":"6402124509900001","nm":"Siti Aminah","ph":"081234567890","ds":"64.02.12.2001","ad":"RT 01","dc":{"KTP":true,"KK":false},"nt":"catatan ß é","w":[],"st":"received","tk":"6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b","u":"budi","at":1764461000}',
    '{"i":"3f333df6-90a4-4fda-8dd3-9485d27cee36","f":"received","t":"forwarded","u":"system","at":1764461000,"r":null}',
    '{"i":"a4f1f6b1-1d5e-4b7a-9c3e-2f8d9e0b1c2d","s":"KTP","sc":[4,4,3,4,4,4,4,3,4],"at":1764461100}',
]
GOLDEN_DIGESTS = ['4d96413a35fb6ec7', 'c891b57cdde910a6', 'd003105910462fa9', '6f10049e1c6c1d63', 'c361ad6e26dce896', '5df617fd65d71fbf', '0857d49f4a2242c7']
GOLDEN_BODY = (
    '{"d":"0d4f7c2e-5b7a-4c1e-8f3a-9e2b6d1c0a5f","site":"64.02.12","e":1,"s":41,"v":1,"m":[[1,"1b9d6bcd-b'
    'bfd-4b2d-9b5d-ab8dfbbd4bed","A-001","KTP","2026-11-30",null,1764460800,0],[2,0,"waiting","called",1,'
    '"budi",60],[1,"6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b","B-001","KK","2026-11-30","lansia",-60,100,0],['
    '2,0,"waiting","called",2,"sri",50,"recall"],[3,"3f333df6-90a4-4fda-8dd3-9485d27cee36","640212-261130'
    '-7KQ0001-X","SKCK","6402124509900001","Siti Aminah","081234567890","64.02.12.2001","RT 01",{"KTP":tr'
    'ue,"KK":false},"catatan ß é",[],"received",0,"budi",50],[4,0,"received","forwarded","system",0],[5,"'
    'a4f1f6b1-1d5e-4b7a-9c3e-2f8d9e0b1c2d","KTP",[4,4,3,4,4,4,4,3,4],100]]}'
)


def _golden_batch():
    a, b = "1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed", "6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b"
    c, d = "3f333df6-90a4-4fda-8dd3-9485d27cee36", "a4f1f6b1-1d5e-4b7a-9c3e-2f8d9e0b1c2d"
    t0 = datetime(2025, 11, 30, 0, 0, tzinfo=UTC)  # 1764460800
    return [
        (wire.TICKET_ISSUED, wire.payload(wire.TICKET_ISSUED, id=a, number="A-001", service="KTP",
                                          business_day="2026-11-30", priority=None, arrival_at=t0, issued_at=t0,
                                          transferred_from=None)),
        (wire.TICKET_EVENT, wire.payload(wire.TICKET_EVENT, id=a, from_status="waiting", to_status="called",
                                         counter=1, actor="budi", at=t0 + timedelta(seconds=60), note=None)),
        (wire.TICKET_ISSUED, wire.payload(wire.TICKET_ISSUED, id=b, number="B-001", service="KK",
                                          business_day="2026-11-30", priority="lansia", arrival_at=t0,
                                          issued_at=1764460900, transferred_from=a)),
        (wire.TICKET_EVENT, wire.payload(wire.TICKET_EVENT, id=b, from_status="waiting", to_status="called",
                                         counter=2, actor="sri", at=1764460950, note="recall")),
        (wire.APPLICATION_RECEIVED, wire.payload(
            wire.APPLICATION_RECEIVED, id=c, registration_number="640212-261130-7KQ0001-X", service="SKCK",
            nik="6402124509900001", name="Siti Aminah", phone="081234567890", desa="64.02.12.2001",
            address="RT 01", documents={"KTP": True, "KK": False}, notes="catatan ß é", warnings=[],
            status="received", ticket_id=b, operator="budi", received_at=1764461000)),
        (wire.APPLICATION_STATUS, wire.payload(wire.APPLICATION_STATUS, id=c, from_status="received",
                                               to_status="forwarded", actor="system", at=1764461000)),
        (wire.SURVEY_ADDED, wire.payload(wire.SURVEY_ADDED, id=d, service="KTP", scores=[4, 4, 3, 4, 4, 4, 4, 3, 4],
                                         at=1764461100)),
    ]


def test_named_fields_write_the_same_stored_payloads_wire_bytes_and_digests_as_before():
    batch = _golden_batch()
    assert [json.dumps(p, separators=(",", ":"), ensure_ascii=False) for _, p in batch] == GOLDEN_STORED
    body = wire.encode_push(GOLDEN_DEVICE, "64.02.12", 1, 41, 1, batch)
    assert gzip.decompress(body).decode("utf-8") == GOLDEN_BODY
    assert [wire.mutation_digest(n, p) for n, p in batch] == GOLDEN_DIGESTS
    # Central decodes the old bytes to the same payloads, and reads them by name.
    decoded = wire.parse_push(gzip.compress(GOLDEN_BODY.encode("utf-8")), True).mutations
    assert decoded == [(n, wire.canonical_payload(n, p)) for n, p in batch]
    issued, event = (wire.read_payload(n, p) for n, p in decoded[2:4])
    assert issued["transferred_from"] == batch[0][1]["i"] and event["from_status"] == "waiting"
    assert issued["arrival_at"] == 1764460800 and event["at"] == 1764460950


def test_a_field_name_the_shape_does_not_have_is_a_programming_error():
    with pytest.raises(TypeError, match="no field 'nmae'"):
        wire.payload(wire.APPLICATION_RECEIVED, nmae="Siti")
    with pytest.raises(TypeError):
        wire.change_payload(wire.KIND_APPLICATION, state="ready")
    assert wire.read_change(wire.KIND_APPLICATION, wire.change_payload(
        wire.KIND_APPLICATION, id="x", status="ready", reason=None, at=5)) == \
        {"id": "x", "status": "ready", "reason": None, "at": 5}


def test_cloned_backlogs_never_repeat_a_registration_number(tmp_path):
    from tests.synctools import clone_backlog

    clock = clock_at()
    store = new_store(tmp_path / "k.sqlite3", TABANG, clock)
    busy_days(store, clock, days=1, tickets_per_day=40, applications_per_day=30, surveys_per_day=5)
    clone_backlog(store, 6000)
    with store.read() as s:
        regnos = [json.loads(r.payload)["rn"] for r in s.scalars(
            select(OutboxMutation).where(OutboxMutation.name == wire.APPLICATION_RECEIVED))]
    store.close()
    assert len(regnos) > 500 and len(set(regnos)) == len(regnos)
