"""Permohonan: NIK and phone validation, registration numbers, intake, the status machine, lookup, audit."""

from __future__ import annotations

import json
import random
from datetime import date, datetime

import pytest
from sqlalchemy import select

from kiosk import applications as apps
from kiosk.clock import SITE_TZ
from kiosk.db import open_store
from kiosk.errors import IllegalTransition, InputError, NotFound
from kiosk.models import Application, ApplicationEvent, AuditEntry, Device, OutboxMutation, Service
from kiosk.site import CROCKFORD, init_site
from mpp import regno as regno_rules

SITE = "64.02.12"
OP = "sari"
NIK = "6402124512990001"  # Kutai Kartanegara, woman born 5 Dec 1999
TODAY = date(2026, 11, 28)


@pytest.fixture
def clock_start():
    return datetime(2026, 11, 28, 9, 0, tzinfo=SITE_TZ)


@pytest.fixture
def db(site_store):
    with site_store.transaction() as s:
        s.get(Device, 1).reg_tag = "7KQ"
    return site_store


def intake(s, clock, service="KTP", **kw):
    kw.setdefault("nik", NIK)
    kw.setdefault("name", "Siti Aminah")
    return apps.new_application(s, service_code=service, operator=OP, now=clock.now(), **kw)


def outbox_rows(s):
    return list(s.scalars(select(OutboxMutation).order_by(OutboxMutation.id)))


# --- NIK -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("nik, born, sex", [
    ("6402124512990001", date(1999, 12, 5), "P"),        # women's day: 45 = 5 + 40
    ("6402120512990001", date(1999, 12, 5), "L"),
    ("6402 1205 0826 0001", date(2026, 8, 5), "L"),      # spaces; 20YY when not in the future
    ("6402120512260001", date(1926, 12, 5), "L"),        # 2026-12-05 is after TODAY -> 1926
    ("6402122811260001", date(2026, 11, 28), "L"),       # born today
    ("6402122902000001", date(2000, 2, 29), "L"),        # 2000 is a leap year
    ("6402126902040001", date(2004, 2, 29), "P"),        # 29 + 40, leap year
    ("6402122902960001", date(1996, 2, 29), "L"),        # 2096 is in the future -> 1996 (leap)
    ("6402124101010001", date(2001, 1, 1), "P"),         # lowest women's day
    ("6402127101010001", date(2001, 1, 31), "P"),        # highest women's day
])
def test_nik_birth_date_and_sex(nik, born, sex):
    assert apps.nik_birth_date(nik, TODAY) == (born, sex)
    assert apps.validate_nik(nik, TODAY) == []


@pytest.mark.parametrize("nik, fragment", [
    ("640212451299000", "16"),                            # 15 digits
    ("64021245129900011", "16"),                          # 17 digits
    ("64021245129900A1", "16"),                           # a letter
    ("9902124512990001", "provinsi"),                    # no province 99
    ("0002124512990001", "provinsi"),
    ("6402120012990001", "tanggal"),                      # day 00
    ("6402123212990001", "tanggal"),                      # day 32
    ("6402124012990001", "tanggal"),                      # 40 is neither a man's nor a woman's day
    ("6402127212990001", "tanggal"),                      # 72 - 40 = 32
    ("6402120500990001", "tanggal"),                      # month 00
    ("6402120513990001", "tanggal"),                      # month 13
    ("6402123104990001", "tanggal"),                      # 31 April
    ("6402122902010001", "tanggal"),                      # 2001 is not a leap year
    ("6402122902250001", "tanggal"),                      # 2025 is not a leap year (and not in the future)
    ("6402126902250001", "tanggal"),                      # same, woman
    ("6402124512990000", "0000"),                         # serial 0000
])
def test_invalid_nik_is_an_input_error(nik, fragment):
    with pytest.raises(InputError, match=fragment):
        apps.validate_nik(nik, TODAY)


def test_unknown_regency_is_a_warning_not_an_error():
    # 91.01 (Merauke) moved to Papua Selatan (93.01) in 2022; old KTPs still carry it.
    warnings = apps.validate_nik("9101124512990001", TODAY)
    assert len(warnings) == 1 and "91.01" in warnings[0]
    assert apps.validate_nik("6499124512990001", TODAY)  # Kalimantan Timur, unknown regency


def test_mask_nik():
    assert apps.mask_nik("6402124512990001") == "6402**********01"


# --- phone -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    ("+62 812-3456-7890", "081234567890"),
    ("62812345678", "0812345678"),
    ("0812.3456.789", "08123456789"),
    ("(0812) 3456 7890", "081234567890"),
    ("812 3456 7890", "081234567890"),
    ("+62 (0)812-3456-7890", "081234567890"),
    ("0812345678901", "0812345678901"),                   # 13 digits
])
def test_phone_normalised(raw, expected):
    assert apps.normalise_phone(raw) == expected


@pytest.mark.parametrize("raw", [
    "", "0541-661234", "021 555 1234", "081234567", "08123456789012", "08a123456789", "+1 812 3456 7890",
    "0812/3456/7890", "++62812345678",
])
def test_bad_phone_is_an_input_error(raw):
    with pytest.raises(InputError, match="HP"):
        apps.normalise_phone(raw)


# --- registration number ---------------------------------------------------------------------------

def test_registration_number_format():
    regno = apps.make_registration_number(SITE, date(2026, 11, 28), "7KQ", 12)
    assert regno[:-1] == "640212-261128-7KQ0012-"
    assert apps.check_regno(regno) == regno.replace("-", "")
    assert apps.pretty_regno(apps.normalise_regno(regno)) == regno


def test_mod37_2_matches_the_published_example():
    assert regno_rules.mod37_2_check("G123498654321") == "H"


def _sample_keys(n=300):
    rng = random.Random(7)
    for _ in range(n):
        day = date(2024 + rng.randrange(6), rng.randrange(1, 13), rng.randrange(1, 29))
        tag = "".join(rng.choice(CROCKFORD) for _ in range(3))
        site = f"64.02.{rng.randrange(1, 21):02d}"
        yield apps.normalise_regno(apps.make_registration_number(site, day, tag, rng.randrange(1, 10000)))


def test_check_character_catches_every_substitution_and_adjacent_transposition():
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*"
    for key in _sample_keys():
        for i, original in enumerate(key):
            for ch in alphabet:
                if ch != original:
                    typo = key[:i] + ch + key[i + 1:]
                    assert regno_rules.mod37_2_check(typo[:19]) != typo[19], (key, typo)
        for i in range(len(key) - 1):
            if key[i] != key[i + 1]:
                typo = key[:i] + key[i + 1] + key[i] + key[i + 2:]
                assert regno_rules.mod37_2_check(typo[:19]) != typo[19], (key, typo)


def test_check_regno_refuses_a_typo_with_the_salah_ketik_message():
    regno = apps.make_registration_number(SITE, date(2026, 11, 28), "7KQ", 12)
    typo = regno.replace("0012", "0021")
    with pytest.raises(InputError, match="salah ketik"):
        apps.check_regno(typo)
    with pytest.raises(InputError, match="format"):
        apps.check_regno("640212-261128-0012")


def test_normalise_reads_confusables_in_the_body_only():
    regno = apps.make_registration_number(SITE, date(2026, 11, 28), "7KQ", 10)
    key = regno.replace("-", "")
    sloppy = " " + regno.lower().replace("0", "o").replace("1", "l") + " "
    # The body comes back exact; the check character is never reinterpreted.
    assert apps.normalise_regno(sloppy)[:19] == key[:19]
    assert apps.check_regno(key[:19].replace("0", "O") + key[19]) == key


def test_sequence_is_per_device_and_day_and_unique_across_devices(tmp_path, clock):
    numbers = []
    for tag in ("7KQ", "7KR"):
        store = open_store(tmp_path / f"{tag}.sqlite3")
        with store.transaction() as s:
            init_site(s, SITE, tag, clock.now())
            s.get(Device, 1).reg_tag = tag
        for _ in range(3):
            with store.transaction() as s:
                numbers.append(intake(s, clock).registration_number)
        store.close()
    assert len(set(numbers)) == 6
    assert [n[14:21] for n in numbers] == ["7KQ0001", "7KQ0002", "7KQ0003", "7KR0001", "7KR0002", "7KR0003"]
    for n in numbers:
        apps.check_regno(n)


def test_sequence_restarts_on_a_new_local_day_and_counts_same_transaction_rows(db, clock):
    with db.transaction() as s:
        first, second = intake(s, clock), intake(s, clock)
    assert first.registration_number[14:21] == "7KQ0001" and second.registration_number[14:21] == "7KQ0002"
    clock.at = datetime(2026, 11, 29, 0, 5, tzinfo=SITE_TZ)  # just past midnight WITA, still 28th in UTC
    with db.transaction() as s:
        nxt = intake(s, clock)
    assert nxt.registration_number.startswith("640212-261129-7KQ0001-")


# --- intake ----------------------------------------------------------------------------------------

def test_intake_stores_validated_fields_event_audit_and_outbox(db, clock):
    with db.transaction() as s:
        ktp = s.get(Service, "KTP")
        reqs = apps.required_documents(ktp)
        app = intake(s, clock, name="  siti   Aminah ", phone="+62 812-3456-7890", desa_code="6402122001",
                     address=" Jl. Poros  Tabang ", documents=[reqs[0], reqs[2]], notes="  ")
        app_id, regno = app.id, app.registration_number
    with db.read() as s:
        app = s.get(Application, app_id)
        assert app.status == "received" and app.name == "siti Aminah" and app.phone == "081234567890"
        assert app.desa_code == "64.02.12.2001" and app.address == "Jl. Poros Tabang" and app.notes is None
        assert app.documents == {r: r in (reqs[0], reqs[2]) for r in reqs}
        assert list(app.documents) == reqs
        assert app.regno_key == regno.replace("-", "") and app.site_code == SITE
        assert [(e.from_status, e.to_status, e.actor, e.source) for e in app.history] == [
            (None, "received", OP, "site")]
        audit_rows = s.scalars(select(AuditEntry).where(AuditEntry.object_id == app_id)).all()
        assert [(a.actor, a.action) for a in audit_rows] == [(OP, "application.receive")]
        assert NIK not in (audit_rows[0].detail or "")
        (row,) = outbox_rows(s)
        payload = json.loads(row.payload)
        assert row.name == "application.received" and row.seq == 1
        assert payload == {
            "i": app_id, "rn": regno, "s": "KTP", "nik": NIK, "nm": "siti Aminah", "ph": "081234567890",
            "ds": "64.02.12.2001", "ad": "Jl. Poros Tabang", "dc": app.documents, "nt": None, "w": [],
            "st": "received", "tk": None, "u": OP, "at": int(clock.now().timestamp()),
        }


def test_documents_default_to_all_received_and_unknown_ones_are_refused(db, clock):
    with db.transaction() as s:
        app = intake(s, clock)
        assert all(app.documents.values()) and len(app.documents) == 5
        assert not any(intake(s, clock, documents=[]).documents.values())
        with pytest.raises(InputError, match="persyaratan"):
            intake(s, clock, documents=["Surat sakti"])


@pytest.mark.parametrize("kw, error, fragment", [
    ({"name": " x "}, InputError, "nama"),
    ({"name": "a" * 121}, InputError, "nama"),
    ({"desa_code": "64.02.01.2001"}, InputError, "desa"),        # a desa of another kecamatan
    ({"phone": "0541-661234"}, InputError, "HP"),
    ({"nik": "6402124512990000"}, InputError, "0000"),
    ({"service": "NIB"}, InputError, "daring"),                   # mode online
    ({"service": "XYZ"}, NotFound, "layanan"),
    ({"ticket_id": "00000000-0000-0000-0000-000000000000"}, NotFound, "tiket"),
])
def test_intake_refuses_bad_input_and_changes_nothing(db, clock, kw, error, fragment):
    with pytest.raises(error, match=fragment), db.transaction() as s:
        intake(s, clock, **kw)
    with db.read() as s:
        assert s.scalars(select(Application)).all() == [] and outbox_rows(s) == []


def test_intake_keeps_nik_warnings(db, clock):
    with db.transaction() as s:
        app = intake(s, clock, nik="9101124512990001")
        assert app.warnings and apps.application_dict(app)["warnings"] == app.warnings


def test_forward_service_is_forwarded_on_intake_with_both_mutations(db, clock):
    with db.transaction() as s:
        app = intake(s, clock, service="PBG")
        app_id = app.id
    with db.read() as s:
        app = s.get(Application, app_id)
        assert app.status == "forwarded"
        assert [(e.from_status, e.to_status, e.actor) for e in app.history] == [
            (None, "received", OP), ("received", "forwarded", "system")]
        rows = outbox_rows(s)
        assert [(r.seq, r.name) for r in rows] == [(1, "application.received"), (2, "application.status")]
        assert json.loads(rows[1].payload) == {"i": app_id, "f": "received", "t": "forwarded", "u": "system",
                                               "at": int(clock.now().timestamp()), "r": None}


# --- status machine --------------------------------------------------------------------------------

# Paths from a fresh intake to each status, per mode.
PATHS = {
    "local": {"received": [], "forwarded": ["forwarded"], "in_process": ["in_process"], "ready": ["ready"],
              "handed_over": ["ready", "handed_over"], "rejected": ["rejected"]},
    "forward": {"forwarded": [], "in_process": ["in_process"], "ready": ["in_process", "ready"],
                "handed_over": ["in_process", "ready", "handed_over"], "rejected": ["rejected"]},
}
LEGAL = {
    "received": {"forwarded", "rejected"},
    "forwarded": {"in_process", "rejected"},
    "in_process": {"ready", "rejected"},
    "ready": {"handed_over"},
    "handed_over": set(),
    "rejected": set(),
}
LOCAL_EXTRA = {"received": {"in_process", "ready"}}


def _app_in(s, clock, mode, status):
    app = intake(s, clock, service="KTP" if mode == "local" else "PBG")
    for step in PATHS[mode][status]:
        # After forwarding, MPP Induk moves a forward service's application (it arrives by sync).
        source = "central" if mode == "forward" and step != "handed_over" else "site"
        apps.set_status(s, app, step, actor=OP, now=clock.now(), reason="berkas tidak lengkap", source=source)
    assert app.status == status
    return app


@pytest.mark.parametrize("mode", ["local", "forward"])
def test_every_transition_is_legal_or_illegal_as_specified(db, clock, mode):
    with db.transaction() as s:
        for frm in PATHS[mode]:
            legal = LEGAL[frm] | (LOCAL_EXTRA.get(frm, set()) if mode == "local" else set())
            if mode == "forward" and frm in ("forwarded", "in_process"):
                legal = set()  # the site cannot move what MPP Induk owns
            for to in apps.STATUSES:
                app = _app_in(s, clock, mode, frm)
                events = len(app.history)
                if to in legal:
                    apps.set_status(s, app, to, actor=OP, now=clock.now(), reason="berkas tidak lengkap")
                    assert app.status == to and len(app.history) == events + 1
                    assert app.history[-1].from_status == frm
                else:
                    with pytest.raises(IllegalTransition):
                        apps.set_status(s, app, to, actor=OP, now=clock.now(), reason="x")
                    assert app.status == frm and len(app.history) == events


def test_received_shortcuts_are_refused_once_the_service_is_forwarded_elsewhere(db, clock):
    with db.transaction() as s:
        app = intake(s, clock)
        s.get(Service, "KTP").mode = "forward"  # the catalog changed after intake
        for to in ("in_process", "ready"):
            with pytest.raises(IllegalTransition):
                apps.set_status(s, app, to, actor=OP, now=clock.now())


def test_reject_needs_a_reason_and_stores_it(db, clock):
    with db.transaction() as s:
        app = intake(s, clock)
        for empty in (None, "", "   "):
            with pytest.raises(InputError, match="alasan"):
                apps.set_status(s, app, "rejected", actor=OP, now=clock.now(), reason=empty)
        apps.set_status(s, app.registration_number, "rejected", actor=OP, now=clock.now(), reason=" KK  tidak asli ")
        assert app.reject_reason == "KK tidak asli" and app.history[-1].reason == "KK tidak asli"


def test_hand_over_requires_ready(db, clock):
    with db.transaction() as s:
        app = intake(s, clock)
        with pytest.raises(IllegalTransition, match="siap diambil"):
            apps.hand_over(s, app.registration_number, actor=OP, now=clock.now())
        apps.set_status(s, app, "ready", actor=OP, now=clock.now())
        assert apps.hand_over(s, app.registration_number.lower(), actor=OP, now=clock.now()).status == "handed_over"


def test_site_status_changes_append_contiguous_outbox_rows_and_audit(db, clock):
    with db.transaction() as s:
        app = intake(s, clock)
        for to in ("in_process", "ready", "handed_over"):
            clock.advance(minutes=5)
            apps.set_status(s, app, to, actor=OP, now=clock.now())
        app_id = app.id
    with db.read() as s:
        rows = outbox_rows(s)
        assert [r.seq for r in rows] == [1, 2, 3, 4]
        assert [r.name for r in rows] == ["application.received"] + ["application.status"] * 3
        assert [(json.loads(r.payload)["f"], json.loads(r.payload)["t"]) for r in rows[1:]] == [
            ("received", "in_process"), ("in_process", "ready"), ("ready", "handed_over")]
        actions = s.scalars(select(AuditEntry.action).where(AuditEntry.object_id == app_id)).all()
        assert actions == ["application.receive"] + ["application.status"] * 3


def test_central_status_is_applied_once_and_never_echoed(db, clock):
    with db.transaction() as s:
        app = intake(s, clock, service="PBG")
        app_id = app.id
    central_at = clock.now()
    clock.advance(hours=1)
    with db.transaction() as s:
        assert apps.apply_central_status(s, app_id, "ready", None, central_at, clock.now()) is True  # may skip steps
        assert apps.apply_central_status(s, app_id, "ready", None, central_at, clock.now()) is False  # idempotent
        assert apps.apply_central_status(s, app_id, "in_process", None, central_at, clock.now()) is False  # stale
        assert apps.apply_central_status(s, "no-such-id", "ready", None, central_at, clock.now()) is False
    with db.read() as s:
        app = s.get(Application, app_id)
        assert app.status == "ready"
        last = app.history[-1]
        assert (last.from_status, last.to_status, last.actor, last.source) == ("forwarded", "ready", "central", "central")
        assert last.at == central_at
        assert [r.name for r in outbox_rows(s)] == ["application.received", "application.status"]  # intake only
    with db.transaction() as s:
        apps.hand_over(s, app.registration_number, actor=OP, now=clock.now())
        assert apps.apply_central_status(s, app_id, "rejected", "x", central_at, clock.now()) is False  # final
    with db.read() as s:
        assert [r.seq for r in outbox_rows(s)] == [1, 2, 3]


def test_set_status_with_central_source_is_not_echoed(db, clock):
    with db.transaction() as s:
        app = intake(s, clock)
        apps.set_status(s, app, "in_process", actor="central", now=clock.now(), source="central")
        assert [r.name for r in outbox_rows(s)] == ["application.received"]


# --- lookup and view -------------------------------------------------------------------------------

def test_find_is_tolerant_of_case_spaces_and_dashes(db, clock):
    with db.transaction() as s:
        regno = intake(s, clock).registration_number
    key = regno.replace("-", "")
    variants = [regno, regno.lower(), key, key.lower(), " ".join(regno.split("-")), f"  {regno[:6]} {regno[7:]} ",
                key[:19].replace("0", "o") + key[19]]
    with db.read() as s:
        for text in variants:
            assert apps.find_application(s, text).registration_number == regno


def test_find_wrong_check_char_is_salah_ketik_and_absent_is_not_found(db, clock):
    with db.transaction() as s:
        regno = intake(s, clock).registration_number
    wrong = regno[:-1] + ("A" if regno[-1] != "A" else "B")
    absent = apps.make_registration_number(SITE, date(2026, 11, 28), "7KQ", 9999)
    with db.read() as s:
        with pytest.raises(InputError, match="salah ketik"):
            apps.find_application(s, wrong)
        with pytest.raises(NotFound):
            apps.find_application(s, absent)


def test_search_by_regno_prefix_nik_and_name(db, clock):
    with db.transaction() as s:
        a = intake(s, clock, name="Siti Aminah")
        b = intake(s, clock, name="Budi 100% Santoso", nik="6402120512990002")
        c = intake(s, clock, name="Ahmad", nik="6402120512990003")
    with db.read() as s:
        def regnos(q):
            return {x.registration_number for x in apps.search_applications(s, q)}
        assert regnos("640212-261128") == {a.registration_number, b.registration_number, c.registration_number}
        assert regnos(a.registration_number[:-2].lower()) == {a.registration_number}
        assert regnos("6402 1205 1299 0002") == {b.registration_number}
        assert regnos("AMINAH") == {a.registration_number}
        assert regnos("100%") == {b.registration_number}
        assert regnos("0%") == {b.registration_number}                  # % is literal, not a wildcard
        assert regnos("zzz") == set() and regnos("   ") == set()
        assert len(apps.search_applications(s, "640212", limit=2)) == 2


def test_every_view_is_audited(db, clock):
    with db.transaction() as s:
        regno = intake(s, clock).registration_number
    for actor in ("sari", "budi"):
        with db.transaction() as s:
            apps.view_application(s, regno.lower(), actor=actor, now=clock.now())
    with db.read() as s:
        views = s.scalars(select(AuditEntry).where(AuditEntry.action == "view").order_by(AuditEntry.id)).all()
        assert [(v.actor, v.object_type, v.detail) for v in views] == [
            ("sari", "application", regno), ("budi", "application", regno)]


def test_application_dict_masks_nik_and_lists_history(db, clock):
    with db.transaction() as s:
        app = intake(s, clock, service="PBG")
        d = apps.application_dict(app)
        assert d["nik"] == "6402**********01" and apps.application_dict(app, mask=False)["nik"] == NIK
        assert d["service"] == "PBG" and d["service_name"] == app.service.name
        assert d["received_at"] == "2026-11-28T09:00:00+08:00"
        assert [(h["from"], h["to"], h["source"]) for h in d["history"]] == [
            (None, "received", "site"), ("received", "forwarded", "site")]
        assert set(d) == {"id", "registration_number", "status", "service", "service_name", "name", "nik", "phone",
                          "desa_code", "desa_name", "service_mode", "address", "documents", "notes", "warnings", "received_at", "updated_at",
                          "reject_reason", "history"}
        json.dumps(d)


def test_events_are_rows_in_order(db, clock):
    with db.transaction() as s:
        app = intake(s, clock)
        apps.set_status(s, app, "in_process", actor=OP, now=clock.now())
        app_id = app.id
    with db.read() as s:
        rows = s.scalars(select(ApplicationEvent).where(ApplicationEvent.application_id == app_id)
                         .order_by(ApplicationEvent.id)).all()
        assert [r.to_status for r in rows] == ["received", "in_process"]


# --- text from people is cleaned at intake -----------------------------------------------------------

def test_intake_cleans_text_and_bounds_it_by_the_table_central_uses(db, clock):
    from mpp.text import LIMITS

    with db.transaction() as s:
        app = intake(s, clock, nik="６４０２１２４５１２９９０００１", name="Siti\x00 Ami\u0301nah\x1b@",
                     address="RT 01\n\tDesa\u202e Perian", notes="baris satu\r\nbaris\x00 dua\t!")
        stored = json.loads(outbox_rows(s)[0].payload)
    assert (app.nik, app.name, app.address) == (NIK, "Siti Amínah@", "RT 01 Desa Perian")
    assert app.notes == "baris satu\nbaris dua\t!"
    assert (stored["nik"], stored["nm"], stored["nt"]) == (NIK, app.name, app.notes)
    too_long = {"notes": "x" * (LIMITS["notes"][0] + 1), "address": "y" * (LIMITS["address"][0] + 1)}
    for field, value in too_long.items():
        with pytest.raises(InputError, match="terlalu panjang"), db.transaction() as s:
            intake(s, clock, **{field: value})
    with pytest.raises(InputError), db.transaction() as s:
        apps.new_application(s, service_code="KTP", nik=NIK, name="Siti", operator="o" * 65, now=clock.now())
    with db.read() as s:
        assert len(outbox_rows(s)) == 1  # nothing of the refused ones was written


def test_operators_names_and_reasons_are_cleaned_too(db, clock):
    from kiosk import auth

    with db.transaction() as s:
        op = auth.create_operator(s, username="budi", full_name="Budi\x00\x1b Santoso\n", role="operator",
                                  pin="135790", now=clock.now(), actor="setup")
        app = intake(s, clock, service="KK")
        apps.set_status(s, app, "rejected", actor="budi", now=clock.now(), reason="Berkas\x00 tidak\r\nlengkap")
    assert op.full_name == "Budi Santoso"
    assert app.reject_reason == "Berkas tidak lengkap"
