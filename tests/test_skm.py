"""SKM per PermenPANRB 14/2017: the respondent's profile and suggestion, the report's tables (NRR per unsur,
respondents by profile), the counter's invitation, and the profile on its way to central (wire schema 2)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from kiosk import survey, tickets
from kiosk.clock import SITE_TZ
from kiosk.errors import InputError
from kiosk.models import OutboxMutation, Survey
from mpp import skm, wire

ALL4, ALL3 = [4] * 9, [3] * 9


# --- the profile ------------------------------------------------------------------------------------------

def test_profile_and_suggestion_are_stored_cleaned_and_sent(store, clock):
    with store.transaction() as s:
        row = survey.add_survey(s, service_code="KTP", scores=ALL4, now=clock.now(), profile={
            "age": 34, "sex": "p", "education": "s1", "job": "  Guru\x00 honorer ",
            "suggestion": "Ruang tunggu\r\npanas,\tmohon kipas angin.\x1b"})
        row_id = row.id
    with store.read() as s:
        stored = s.get(Survey, row_id)
        assert (stored.age, stored.sex, stored.education, stored.job) == (34, "P", "S1", "Guru honorer")
        assert stored.suggestion == "Ruang tunggu\npanas,\tmohon kipas angin."
        (mutation,) = s.scalars(select(OutboxMutation)).all()
        payload = json.loads(mutation.payload)
        assert mutation.schema_version == wire.MUTATION_SCHEMA_VERSION == 2
    assert list(payload) == ["i", "s", "sc", "at", "ag", "sx", "ed", "jb", "sg"]  # appended after the old keys
    assert wire.read_payload(wire.SURVEY_ADDED, payload)["job"] == "Guru honorer"


def test_a_response_without_profile_keeps_the_old_payload_shape(store, clock):
    with store.transaction() as s:
        survey.add_survey(s, service_code="KTP", scores=ALL4, now=clock.now(), profile={"sex": "L"})
        survey.add_survey(s, service_code="KTP", scores=ALL4, now=clock.now())
    with store.read() as s:
        first, second = (json.loads(m.payload) for m in s.scalars(select(OutboxMutation).order_by(OutboxMutation.seq)))
    assert list(first) == ["i", "s", "sc", "at", "sx"] and first["sx"] == "L"
    assert list(second) == ["i", "s", "sc", "at"]


@pytest.mark.parametrize("fields, message", [
    ({"age": 7}, "umur"), ({"age": 121}, "umur"), ({"age": "tiga"}, "umur"), ({"age": True}, "umur"),
    ({"sex": "X"}, "L atau P"), ({"education": "SLTA"}, "pendidikan"), ({"job": "x" * 61}, "pekerjaan"),
    ({"suggestion": "x" * 1001}, "saran"),
])
def test_a_bad_profile_is_a_one_line_error_and_stores_nothing(store, clock, fields, message):
    with pytest.raises(InputError, match=message), store.transaction() as s:
        survey.add_survey(s, service_code="KTP", scores=ALL4, now=clock.now(), profile=fields)
    with store.read() as s:
        assert s.scalar(select(Survey.id)) is None


def test_check_profile_accepts_empty_and_normalises():
    assert skm.check_profile() == {"age": None, "sex": None, "education": None, "job": None, "suggestion": None}
    assert skm.check_profile(age="45", sex=" l ", education="d3", job="", suggestion="   ") == \
        {"age": 45, "sex": "L", "education": "D3", "job": None, "suggestion": None}


# --- the report's tables ---------------------------------------------------------------------------------

def test_nrr_per_unsur_and_weighted_worked_by_hand():
    rows = [[4, 3, 2, 4, 4, 4, 4, 1, 4], [3, 3, 3, 4, 4, 3, 4, 2, 4], [4, 4, 3, 4, 4, 4, 4, 2, 4]]
    table = skm.unsur_table(rows)
    assert [u["code"] for u in table] == [f"U{i}" for i in range(1, 10)]
    assert table[0] == {"code": "U1", "name": "Persyaratan", "nrr": 3.67, "nrr_weighted": 0.407}  # 11/3, /9
    assert table[2]["nrr"] == 2.67 and table[2]["nrr_weighted"] == 0.296  # 8/3 = 2.666…, 8/27 = 0.2962…
    assert table[7]["nrr"] == 1.67 and table[7]["nrr_weighted"] == 0.185
    # The IKM is the sum of the exact weighted NRRs × 25, not of the rounded ones.
    assert skm.compute_ikm(rows)["ikm"] == round(sum(sum(r) for r in rows) / 27 * 25, 2)
    assert skm.unsur_table([]) == []


@pytest.mark.parametrize("age, band", [(10, "<20"), (19, "<20"), (20, "20-29"), (39, "30-39"), (59, "50-59"),
                                       (60, "60+"), (120, "60+"), (None, "unknown")])
def test_age_bands(age, band):
    assert skm.age_band(age) == band


def test_profile_counts_every_group_and_the_missing_ones():
    counts = skm.profile_counts([
        {"age": 25, "sex": "L", "education": "SMA", "job": "Swasta"},
        {"age": 61, "sex": "P", "education": None, "job": "PNS"},
        {"age": None, "sex": None, "education": "SMA", "job": "Swasta"},
    ])
    assert counts["sex"] == {"L": 1, "P": 1, "unknown": 1}
    assert counts["age"] == {"<20": 0, "20-29": 1, "30-39": 0, "40-49": 0, "50-59": 0, "60+": 1, "unknown": 1}
    assert counts["education"] == {"SD": 0, "SMP": 0, "SMA": 2, "D3": 0, "S1": 0, "S2": 0, "S3": 0, "unknown": 1}
    assert counts["job"] == {"Swasta": 2, "PNS": 1, "unknown": 0}
    assert list(counts["job"]) == ["Swasta", "PNS", "unknown"]  # most frequent first


def test_summary_by_service_and_suggestions(store, clock):
    day = clock.now()
    with store.transaction() as s:
        survey.add_survey(s, service_code="KTP", scores=ALL4, now=day, profile={"sex": "L", "age": 30})
        survey.add_survey(s, service_code="KK", scores=ALL3, now=day, profile={"suggestion": "Antrian cepat"})
        survey.add_survey(s, service_code="KTP", scores=ALL3, now=day - timedelta(days=3))
    with store.read() as s:
        today = survey.summary(s, date_from=day.date(), date_to=day.date())
        assert today["respondents"] == 2 and today["ikm"] == 87.5 and today["mutu"] == "B"
        assert [u["nrr"] for u in today["unsur"]] == [3.5] * 9
        assert today["profile"]["sex"] == {"L": 1, "P": 0, "unknown": 1}
        assert today["profile"]["age"]["30-39"] == 1
        assert survey.by_service(s) == [
            {"service": "KK", "respondents": 1, "ikm": 75.0, "mutu": "C"},
            {"service": "KTP", "respondents": 2, "ikm": 87.5, "mutu": "B"}]
        said = survey.suggestions(s)
        assert [(x["service"], x["text"]) for x in said] == [("KK", "Antrian cepat")]
        empty = survey.summary(s, service_code="PBG")
        assert empty["respondents"] == 0 and empty["unsur"] == [] and empty["profile"]["sex"]["unknown"] == 0


# --- the counter's invitation ----------------------------------------------------------------------------

def test_invitation_picks_the_counters_last_citizen_and_expires(store, clock):
    with store.transaction() as s:
        with pytest.raises(InputError, match="belum melayani"):
            survey.invite(s, counter=1, now=clock.now())
        first = tickets.issue_ticket(s, "KTP", now=clock.now())
        second = tickets.issue_ticket(s, "KK", now=clock.now())
        tickets.call_next(s, 1, now=clock.now(), actor="budi")
        tickets.start_service(s, first.id, 1, now=clock.now(), actor="budi")
        tickets.finish(s, first.id, 1, now=clock.now(), actor="budi")
        clock.advance(seconds=60)
        tickets.call_next(s, 1, now=clock.now(), actor="budi")
        tickets.start_service(s, second.id, 1, now=clock.now(), actor="budi")
        assert survey.invite(s, counter=1, now=clock.now()).id == second.id  # the one at the counter now
        tickets.finish(s, second.id, 1, now=clock.now(), actor="budi")
        invited = survey.invite(s, counter=1, now=clock.now())
        assert invited.id == second.id
    clock.advance(seconds=60)
    with store.read() as s:
        assert [t.number for t in survey.invitations(s, now=clock.now())] == [second.number]
    clock.advance(minutes=survey.INVITE_MINUTES)
    with store.read() as s:
        assert survey.invitations(s, now=clock.now()) == []


# --- the wire ----------------------------------------------------------------------------------------------

def test_optional_fields_round_trip_and_leave_old_digests_alone():
    golden = [4, 4, 3, 4, 4, 4, 4, 3, 4]
    old = wire.payload(wire.SURVEY_ADDED, id="a4f1f6b1-1d5e-4b7a-9c3e-2f8d9e0b1c2d", service="KTP",
                       scores=golden, at=1764461100)
    new = wire.payload(wire.SURVEY_ADDED, id="b4f1f6b1-1d5e-4b7a-9c3e-2f8d9e0b1c2d", service="KTP",
                       scores=ALL4, at=1764461200, sex="P", suggestion="Bagus")
    middle = wire.payload(wire.SURVEY_ADDED, id="c4f1f6b1-1d5e-4b7a-9c3e-2f8d9e0b1c2d", service="KK",
                          scores=ALL3, at=1764461300, job="PNS")
    assert "ag" not in old and new["sx"] == "P" and "ag" not in new
    batch = [(wire.SURVEY_ADDED, p) for p in (old, new, middle)]
    body = wire.encode_push("d", "64.02.12", 1, 1, 2, batch)
    decoded = wire.parse_push(body, True).mutations
    assert decoded == [(n, wire.canonical_payload(n, p)) for n, p in batch]
    assert decoded[1][1] == {"i": new["i"], "s": "KTP", "sc": ALL4, "at": 1764461200, "sx": "P", "sg": "Bagus"}
    assert [wire.mutation_digest(n, p) for n, p in decoded] == [wire.mutation_digest(n, p) for n, p in batch]
    assert wire.mutation_digest(*batch[0]) == "0857d49f4a2242c7"  # tests/test_sync_protocol.py's golden digest
    raw = json.loads(__import__("gzip").decompress(body))["m"]
    assert raw[0] == [5, old["i"], "KTP", golden, 1764461100]  # no trailing nulls for a response without profile
    assert wire.read_payload(wire.SURVEY_ADDED, decoded[2][1])["job"] == "PNS"


def test_day_boundaries_of_the_summary_are_local(store):
    late = datetime(2026, 11, 30, 23, 30, tzinfo=SITE_TZ)
    with store.transaction() as s:
        survey.add_survey(s, service_code="KTP", scores=ALL4, now=late, profile={"sex": "P"})
    with store.read() as s:
        assert survey.summary(s, date_from=date(2026, 11, 30), date_to=date(2026, 11, 30))["respondents"] == 1
        assert survey.summary(s, date_from=date(2026, 12, 1))["respondents"] == 0
