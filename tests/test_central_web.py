"""The back office and the citizens' pages over HTTP against a real kiosk-server: accounts, sessions, CSRF,
roles, rate limits, the audit log, status changes and notes that kiosks pull, the public status page."""

from __future__ import annotations

import json

import pytest

from tests.synctools import TABANG, TENGGARONG, central_fixture, kiosk_factory_fixture
from tests.webclient import WebClient

central = central_fixture()
make_kiosk = kiosk_factory_fixture()
PASSWORDS = {"boss": "kata-sandi-admin-1", "vera": "kata-sandi-verif-2", "vic": "kata-sandi-viewer-3"}


@pytest.fixture(scope="module")
def staff(central):
    for name, role in (("boss", "admin"), ("vera", "verifier"), ("vic", "viewer")):
        result = central.cli("user", "add", name, "--role", role, "--password-stdin", input=PASSWORDS[name] + "\n")
        assert result.returncode == 0, result.stderr
    return PASSWORDS


def web(central, who: str | None = None) -> WebClient:
    client = WebClient(central.url)
    if who:
        client.sign_in(who, PASSWORDS[who])
    return client


def audit_rows(central, action: str) -> list:
    return central.rows("SELECT actor, action, target, detail, ip FROM staff_audit WHERE action = :a ORDER BY id",
                        a=action)


def forwarded_application(central, make_kiosk, site=TABANG, service="SKCK", name="Siti Aminah"):
    kiosk = make_kiosk(site)
    kiosk.enroll(central)
    app_id, regno = kiosk.application(service, name)
    kiosk.sync_until_done()
    return kiosk, app_id, regno


# --- accounts ----------------------------------------------------------------------------------------

def test_user_commands(central, staff):
    listed = json.loads(central.cli("user", "list", "--json").stdout)
    assert {(u["username"], u["role"], u["active"]) for u in listed} >= {
        ("boss", "admin", True), ("vera", "verifier", True), ("vic", "viewer", True)}
    assert central.scalar("SELECT password_hash FROM staff_users WHERE username = 'boss'").startswith("$argon2id$")
    bad = [
        (["user", "add", "x y", "--role", "admin", "--password-stdin"], "tidak sah"),
        (["user", "add", "newbie", "--role", "admin", "--password-stdin"], "minimal"),  # short password
        (["user", "add", "newbie", "--role", "admin"], "--password-stdin"),
        (["user", "add", "boss", "--role", "viewer", "--password-stdin"], "sudah ada"),
        (["user", "disable", "nobody"], "tidak ada"),
    ]
    for args, words in bad:
        result = central.cli(*args, input="pendek\n" if "newbie" in args else "cukup-panjang-sekali\n")
        assert result.returncode == 2 and words in result.stderr and len(result.stderr.strip().splitlines()) == 1, \
            (args, result.stderr)
    assert central.cli("user", "add", "x", "--role", "root", "--password-stdin", input="x\n").returncode == 2


def test_sign_in_cookie_is_secure_httponly_samesite_and_audited(central, staff):
    client = WebClient(central.url)
    wrong = client.form("/login", {"username": "boss", "password": "salah-salah-salah"})
    assert wrong.status_code == 401 and "salah" in wrong.text and "mpp_session" not in client.cookies
    ok = client.form("/login", {"username": "boss", "password": PASSWORDS["boss"], "next": "/devices"})
    assert ok.status_code == 303 and ok.headers["location"] == "/devices"
    cookie = [h for h in ok.raw.headers.getlist("set-cookie") if h.startswith("mpp_session=")][0].lower()
    assert "httponly" in cookie and "secure" in cookie and "samesite=lax" in cookie
    page = client.get("/dashboard")
    assert page.status_code == 200 and "Ringkasan 20 Mini MPP" in page.text
    assert page.headers["cache-control"] == "no-store" and "frame-ancestors 'none'" in page.headers[
        "content-security-policy"]
    assert ("boss", "login.failed", None, None, "127.0.0.1") in [tuple(r) for r in audit_rows(central, "login.failed")]
    assert any(r.actor == "boss" and r.ip == "127.0.0.1" for r in audit_rows(central, "login"))
    # An open redirect through ?next= goes to the dashboard instead.
    other = WebClient(central.url)
    assert other.form("/login", {"username": "vic", "password": PASSWORDS["vic"], "next": "//evil.example/x"}
                      ).headers["location"] == "/dashboard"


def test_pages_need_a_session_and_sign_out_ends_it(central, staff):
    anonymous = WebClient(central.url)
    for path in ("/dashboard", "/applications", "/devices", "/dead-letters", "/catalog", "/announcements",
                 "/bookings", "/audit"):
        response = anonymous.get(path)
        assert response.status_code == 303 and response.headers["location"].startswith("/login?next=%2F"), path
    client = web(central, "vic")
    stolen = dict(client.cookies)
    assert client.get("/applications").status_code == 200
    assert client.form("/logout", {}, page="/dashboard").status_code == 303
    assert "mpp_session" not in client.cookies
    replay = WebClient(central.url)
    replay.cookies = stolen  # the old cookie is dead on the server, not just forgotten by the browser
    assert replay.get("/dashboard").status_code == 303
    assert replay.get("/dashboard", headers={"Cookie": "mpp_session=forged"}).status_code == 303


def test_disabling_a_user_ends_their_sessions(central, staff):
    assert central.cli("user", "add", "temp", "--role", "viewer", "--password-stdin",
                       input="sementara-saja-1\n").returncode == 0
    client = WebClient(central.url)
    client.sign_in("temp", "sementara-saja-1")
    assert client.get("/dashboard").status_code == 200
    assert central.cli("user", "disable", "temp").returncode == 0
    assert client.get("/dashboard").status_code == 303
    again = WebClient(central.url)
    assert again.form("/login", {"username": "temp", "password": "sementara-saja-1"}).status_code == 401


def test_csrf_is_required_on_every_form(central, staff, make_kiosk):
    _, _, regno = forwarded_application(central, make_kiosk, name="Budi Csrf")
    vera = web(central, "vera")
    other = web(central, "boss")
    target = f"/applications/{regno}/status"
    for data, headers in [
        ({"status": "in_process"}, {}),  # no token
        ({"status": "in_process", "csrf_token": "x" * 43}, {}),  # a made-up token
        ({"status": "in_process", "csrf_token": other.token("/dashboard")}, {}),  # another session's token
        ({"status": "in_process", "csrf_token": vera.token("/dashboard")}, {"Origin": "https://evil.example"}),
    ]:
        response = vera.post(target, data, headers=headers)
        assert response.status_code == 403 and "kedaluwarsa" in response.text
    assert central.scalar("SELECT status FROM applications WHERE registration_number = :r", r=regno) == "forwarded"
    # The sign-in form and the public booking form are protected too (token bound to the visitor's cookie).
    stranger = WebClient(central.url)
    assert stranger.post("/login", {"username": "boss", "password": PASSWORDS["boss"]}).status_code == 403
    token = stranger.token("/login")
    fresh = WebClient(central.url)  # a token without its cookie is worth nothing
    assert fresh.post("/login", {"username": "boss", "password": PASSWORDS["boss"], "csrf_token": token}
                      ).status_code == 403
    assert stranger.post("/booking", {"site": TABANG, "service": "KTP", "slot": "1"}).status_code == 403
    ok = vera.form(target, {"status": "in_process"}, page=f"/applications/{regno}")
    assert ok.status_code == 303
    assert central.scalar("SELECT status FROM applications WHERE registration_number = :r", r=regno) == "in_process"


def test_roles(central, staff, make_kiosk):
    _, _, regno = forwarded_application(central, make_kiosk, name="Rina Peran")
    vic, vera = web(central, "vic"), web(central, "vera")
    page = f"/applications/{regno}"
    assert vic.get(page).status_code == 200 and "Ubah status" not in vic.last.text
    assert vic.post(f"{page}/status", {"status": "ready", "csrf_token": vic.token(page)}).status_code == 403
    assert vic.post(f"{page}/reveal", {"csrf_token": vic.token(page)}).status_code == 403
    assert vera.post("/devices/codes", {"site": TABANG, "hours": "24", "csrf_token": vera.token("/devices")}
                     ).status_code == 403
    assert vera.get("/audit").status_code == 403
    assert central.scalar("SELECT count(*) FROM enrollment_codes WHERE site_code = :s AND created_at > "
                          "(SELECT max(at) FROM staff_audit WHERE actor = 'vera' AND action = 'login')", s=TABANG) == 0


def test_sign_in_is_rate_limited(central, staff):
    assert central.cli("user", "add", "lockme", "--role", "viewer", "--password-stdin",
                       input="benar-benar-benar\n").returncode == 0
    client = WebClient(central.url)
    statuses = [client.form("/login", {"username": "lockme", "password": f"salah-{n}"}).status_code for n in range(8)]
    assert statuses == [401] * 8
    blocked = client.form("/login", {"username": "lockme", "password": "benar-benar-benar"})
    assert blocked.status_code == 429 and "15 menit" in blocked.text and blocked.headers["retry-after"] == "900"
    assert "mpp_session" not in client.cookies
    assert audit_rows(central, "login.blocked")[-1].actor == "lockme"
    # Counted in the database, so every worker process sees the same count; others still sign in.
    assert central.scalar("SELECT hits FROM rate_limits WHERE key = 'login-user:lockme'") == 8
    web(central, "vic")


# --- applications ------------------------------------------------------------------------------------

def test_status_change_and_note_reach_the_kiosk_through_the_pull(central, staff, make_kiosk):
    kiosk, app_id, regno = forwarded_application(central, make_kiosk, name="Ahmad Tarik")
    vera = web(central, "vera")
    page = f"/applications/{regno}"
    detail = vera.get(page)
    assert detail.status_code == 200 and "Ahmad Tarik" in detail.text
    nik = central.scalar("SELECT nik FROM applications WHERE id = :i", i=app_id)
    assert nik not in detail.text and f"{nik[:4]}**********{nik[-2:]}" in detail.text
    reject = vera.form(f"{page}/status", {"status": "rejected", "reason": ""}, page=page)
    assert reject.status_code == 400 and "alasan" in reject.text
    note = vera.form(f"{page}/notes", {"text": "Fotokopi KK kurang jelas, mohon dikirim ulang", "to_site": "1"},
                     page=page)
    assert note.status_code == 303
    ready = vera.form(f"{page}/status", {"status": "ready"}, page=page)  # in_process may be skipped
    assert ready.status_code == 303 and ready.headers["location"] == f"{page}?done=status"
    result = kiosk.sync()
    assert result.ok and result.pulled >= 2
    with kiosk.store.read() as s:
        from kiosk.models import Application

        assert s.get(Application, app_id).status == "ready"
    notes = [json.loads(p) for (p,) in central.rows("SELECT payload FROM changes WHERE kind = 'app' AND entity = :i",
                                                    i=app_id)]
    assert any(n.get("note") == "Fotokopi KK kurang jelas, mohon dikirim ulang" and n["by"] == "vera" for n in notes)
    actions = {(r.action, r.target) for r in central.rows(
        "SELECT action, target FROM staff_audit WHERE actor = 'vera'")}
    assert {("application.view", regno), ("application.status", regno), ("application.note", regno)} <= actions
    history = vera.get(page).text
    assert "Siap diambil" in history or "siap diambil" in history


def test_nik_is_shown_only_on_an_audited_request(central, staff, make_kiosk):
    _, app_id, regno = forwarded_application(central, make_kiosk, name="Dewi Privasi")
    nik = central.scalar("SELECT nik FROM applications WHERE id = :i", i=app_id)
    vera = web(central, "vera")
    page = f"/applications/{regno}"
    shown = vera.form(f"{page}/reveal", {}, page=page)
    assert shown.status_code == 200 and nik in shown.text
    assert [r.target for r in audit_rows(central, "application.nik_shown")][-1] == regno
    assert nik not in vera.get(page).text


def test_worklist_filters(central, staff, make_kiosk):
    _, _, tabang = forwarded_application(central, make_kiosk, site=TABANG, service="PASPOR", name="Paspor Tabang")
    _, _, tenggarong = forwarded_application(central, make_kiosk, site=TENGGARONG, service="TANAH", name="Tanah Kota")
    vic = web(central, "vic")
    by_site = vic.get(f"/applications?site={TENGGARONG}&status=open").text
    assert tenggarong in by_site and tabang not in by_site
    by_service = vic.get("/applications?service=PASPOR&status=all").text
    assert tabang in by_service and tenggarong not in by_service
    assert tabang not in vic.get("/applications?status=ready").text
    assert vic.get("/applications?status=bogus&sla=bogus&page=-4").status_code == 200


# --- the public status page --------------------------------------------------------------------------

def test_public_status_page(central, staff, make_kiosk):
    _, app_id, regno = forwarded_application(central, make_kiosk, name="Warga Publik")
    nik = central.scalar("SELECT nik FROM applications WHERE id = :i", i=app_id)
    visitor = WebClient(central.url)
    page = visitor.get(f"/status/{regno}", headers={"Accept-Encoding": "gzip"})
    assert page.status_code == 200 and regno in page.text and "Tabang" in page.text
    assert "Warga Publik" not in page.text and nik not in page.text and nik[:6] + "*" not in page.text
    assert "dikirim ke MPP Induk" in page.text
    assert len(page.raw.data if page.raw.data else page.content) < 60_000
    assert page.headers["content-encoding"] == "gzip" and int(page.headers["content-length"]) < 8_000
    typo = regno[:-1] + ("A" if regno[-1] != "A" else "B")
    assert visitor.get(f"/status/{typo}").status_code == 400 and "salah ketik" in visitor.last.text
    unknown = "640212-201231-ZZZ9999-"
    from mpp.regno import mod37_2_check

    unknown += mod37_2_check(unknown.replace("-", ""))
    assert visitor.get(f"/status/{unknown}").status_code == 404
    form = visitor.get("/status?q=" + regno.replace("-", " ").lower())
    assert form.status_code == 303 and form.headers["location"] == f"/status/{regno}"


def test_status_lookups_are_rate_limited(central, staff):
    visitor = WebClient(central.url)
    try:
        codes = [visitor.get("/status/640212-261128-7KQ0012-5").status_code for _ in range(35)]
        assert 429 in codes and codes.index(429) >= 25  # the first 30 in a minute pass (some used above)
        assert visitor.last.headers["retry-after"] == "60"
    finally:
        with central.db.write() as conn:
            from sqlalchemy import text

            conn.execute(text("DELETE FROM rate_limits WHERE key LIKE :k"), {"k": "status:%"})
