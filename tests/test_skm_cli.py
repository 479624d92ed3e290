"""The SKM from a terminal and on its way to central: `survey add` with the respondent's profile, `survey ikm`
with the report's tables, `survey invite`, `report skm` as a real PDF, and a real central storing the profile
(mutation schema 2) next to surveys an older kiosk sends (schema 1)."""

from __future__ import annotations

import io
import json
import uuid
from datetime import datetime

import pytest
from sqlalchemy import insert

from kiosk import survey
from kiosk.clock import SITE_TZ
from kiosk.models import OutboxMutation
from mpp import wire
from tests.conftest import kiosk_json, run_kiosk
from tests.synctools import TABANG, central_fixture, kiosk_factory_fixture

central = central_fixture()
make_kiosk = kiosk_factory_fixture()


def pdf_text(path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_survey_add_with_profile_ikm_tables_and_the_report_pdf(cli_site, tmp_path):
    added = kiosk_json(cli_site, "survey", "add", "--service", "KTP", "--scores", "4,4,3,4,4,4,4,3,4",
                       "--age", "34", "--sex", "p", "--education", "S1", "--job", "Guru",
                       "--suggestion", "Tambah kursi & kipas <ruang tunggu>")
    assert (added["age"], added["sex"], added["education"], added["job"]) == (34, "P", "S1", "Guru")
    kiosk_json(cli_site, "survey", "add", "--service", "KK", "--scores", "3,3,3,3,3,3,3,3,3", "--sex", "L")
    assert run_kiosk(cli_site, "survey", "add", "--service", "KTP", "--scores", "2,2,2,2,2,2,2,2,2").returncode == 0

    result = kiosk_json(cli_site, "survey", "ikm")
    assert result["respondents"] == 3 and result["ikm"] == 73.15  # (34 + 27 + 18) / 27 × 25
    assert [u["code"] for u in result["unsur"]] == [f"U{i}" for i in range(1, 10)]
    assert result["unsur"][2] == {"code": "U3", "name": "Waktu penyelesaian", "nrr": 2.67, "nrr_weighted": 0.296}
    assert result["profile"]["sex"] == {"L": 1, "P": 1, "unknown": 1}
    assert result["profile"]["age"]["30-39"] == 1 and result["profile"]["age"]["unknown"] == 2
    assert result["profile"]["education"]["S1"] == 1 and result["profile"]["job"] == {"Guru": 1, "unknown": 2}
    human = run_kiosk(cli_site, "survey", "ikm")
    assert "U9" in human.stdout and "tertimbang" in human.stdout

    out = tmp_path / "skm.pdf"
    today = datetime.now(SITE_TZ).date().isoformat()
    report = kiosk_json(cli_site, "report", "skm", "--from", today, "--to", today, "--out", str(out))
    assert report["file"] == str(out) and report["respondents"] == 3 and report["suggestions_total"] == 1
    assert [s["service"] for s in report["services"]] == ["KK", "KTP"]
    text = pdf_text(out)
    for expected in ("HASIL SURVEI KEPUASAN MASYARAKAT", "Tabang", "NRR tertimbang", "U9", "Laki-laki",
                     "30-39 tahun", "Guru", "kipas <ruang tunggu>", "88,31 – 100,00", "Kurang Baik"):
        assert expected in text, expected


@pytest.mark.parametrize("args, message", [
    (["--sex", "X"], "--sex"), (["--education", "SLTA"], "--education"), (["--age", "7"], "umur"),
    (["--age", "tiga"], "--age"), (["--job", "x" * 61], "pekerjaan"),
])
def test_survey_add_refuses_a_bad_profile_in_one_line(cli_site, args, message):
    result = run_kiosk(cli_site, "survey", "add", "--service", "KTP", "--scores", "4,4,4,4,4,4,4,4,4", *args)
    assert result.returncode == 2 and message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert kiosk_json(cli_site, "survey", "ikm")["respondents"] == 0


def test_report_skm_input_errors_and_an_empty_period(cli_site, tmp_path):
    bad = run_kiosk(cli_site, "report", "skm", "--from", "2026-12-02", "--to", "2026-12-01",
                    "--out", str(tmp_path / "x.pdf"))
    assert bad.returncode == 2 and "--from" in bad.stderr
    bad = run_kiosk(cli_site, "report", "skm", "--out", str(tmp_path / "x.txt"))
    assert bad.returncode == 2 and ".pdf" in bad.stderr
    empty = kiosk_json(cli_site, "report", "skm", "--from", "2026-01-01", "--to", "2026-01-31",
                       "--out", str(tmp_path / "jan.pdf"))
    assert empty["respondents"] == 0
    assert "Belum ada responden" in pdf_text(tmp_path / "jan.pdf")


def test_survey_invite_from_the_counter(cli_site):
    refused = run_kiosk(cli_site, "survey", "invite", "--counter", "1")
    assert refused.returncode == 2 and "belum melayani" in refused.stderr
    ticket = kiosk_json(cli_site, "ticket", "issue", "KK")
    kiosk_json(cli_site, "ticket", "next", "--counter", "1")
    invited = kiosk_json(cli_site, "survey", "invite", "--counter", "1")
    assert invited["number"] == ticket["number"] and invited["service"]["code"] == "KK"
    assert invited["counter"] == 1 and invited["invited_at"]


# --- central -------------------------------------------------------------------------------------------------

def test_central_stores_the_profile_and_still_takes_schema_1(central, make_kiosk):
    kiosk = make_kiosk(TABANG)
    kiosk.enroll(central)
    now = kiosk.clock.now()
    old_id = str(uuid.uuid4())
    with kiosk.store.transaction() as s:
        # What a kiosk of the previous version wrote and still has to send: schema 1, no profile.
        seq = 1
        s.execute(insert(OutboxMutation), [{"epoch": 1, "seq": seq, "name": wire.SURVEY_ADDED, "schema_version": 1,
                                             "created_at": now, "payload": json.dumps(wire.payload(
                                                 wire.SURVEY_ADDED, id=old_id, service="KTP", scores=[3] * 9, at=now))}])
    with kiosk.store.transaction() as s:
        new = survey.add_survey(s, service_code="KTP", scores=[4] * 9, now=now, profile={
            "age": 61, "sex": "L", "education": "SMA", "job": "Petani", "suggestion": "Terima kasih\npetugas ramah"})
        new_id = new.id
        bare = survey.add_survey(s, service_code="KK", scores=[2] * 9, now=now).id
    results = kiosk.sync_until_done()
    assert all(r.rejected == 0 for r in results)
    rows = {r.id: r for r in central.rows("SELECT id, age, sex, education, job, suggestion FROM surveys "
                                          "WHERE site_code = :s", s=TABANG)}
    assert tuple(rows[new_id])[1:] == (61, "L", "SMA", "Petani", "Terima kasih\npetugas ramah")
    assert tuple(rows[old_id])[1:] == tuple(rows[bare])[1:] == (None,) * 5


def test_central_dead_letters_a_hostile_profile_and_goes_on(central, make_kiosk):
    kiosk = make_kiosk("64.02.13")
    kiosk.enroll(central)
    now = kiosk.clock.now()
    bad = [{"age": 5}, {"age": "61"}, {"sex": "X"}, {"education": ["S1"]}, {"job": "x" * 500}, {"job": 7}]
    with kiosk.store.transaction() as s:
        for seq, extra in enumerate(bad, 1):
            payload = {**wire.payload(wire.SURVEY_ADDED, id=str(uuid.uuid4()), service="KTP", scores=[4] * 9,
                                      at=now), **{wire.SHAPES[wire.SURVEY_ADDED].long_to_short[k]: v
                                                  for k, v in extra.items()}}
            s.execute(insert(OutboxMutation), [{"epoch": 1, "seq": seq, "name": wire.SURVEY_ADDED, "schema_version": 2,
                                                 "created_at": now, "payload": json.dumps(payload)}])
    with kiosk.store.transaction() as s:
        good = survey.add_survey(s, service_code="KTP", scores=[4] * 9, now=now, profile={"sex": "P"}).id
    results = kiosk.sync_until_done()
    assert sum(r.rejected for r in results) == len(bad)
    assert central.scalar("SELECT count(*) FROM surveys WHERE site_code = '64.02.13'") == 1
    assert central.scalar("SELECT sex FROM surveys WHERE id = :i", i=good) == "P"
