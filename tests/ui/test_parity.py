"""Parity: for every user action, the command line and the screen that backs it leave the same rows.

Two data dirs start alike. The same day is played on both: once through the real `kiosk` commands, once
through the real Qt views (the touch kiosk and the counter). After each step their tables must hold the
same facts — ids, times and who did it aside (the CLI acts as its user, a screen as "kiosk" or the
signed-in operator) — print jobs included, so a print can never be forgotten by one front end.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from kiosk import auth, config, site, tickets
from kiosk.app import App
from kiosk.clock import Clock
from tests.conftest import SITE, run_kiosk
from tests.ui.conftest import SUPERVISOR, SUPERVISOR_PIN, login

NIK = "6402124507850003"

# table -> the columns that are facts (no ids, times or actors)
FACTS = {
    "tickets": "number, service_code, status, priority, counter, recall_count, close_reason, "
               "transferred_from IS NOT NULL, assigned_counter",
    "ticket_events": "from_status, to_status, counter, note",
    "applications": "service_code, status, nik, name, phone, desa_code, address, documents, notes",
    "application_events": "from_status, to_status, reason, source",
    "surveys": "service_code, scores",
    "print_jobs": "kind, is_copy",
    "outbox": "name",
    "audit_log": "action",
    "bookings": "code, service_code, status, ticket_id IS NOT NULL",
}
# Signing in at a counter is the screen's own action (the command line acts as its user): not compared.
WHERE = {"audit_log": "WHERE action NOT IN ('login')"}


def facts(app: App) -> dict[str, list]:
    with app.store.engine.connect() as conn:
        return {table: sorted(map(tuple, conn.execute(text(f"SELECT {columns} FROM {table} {WHERE.get(table, '')}"))),
                              key=repr) for table, columns in FACTS.items()}


def prepare(data_dir) -> App:
    app = App(data_dir=data_dir, clock=Clock(), actor="tester")
    now = app.now()
    with app.store.transaction() as s:
        site.init_site(s, SITE, "pc", now)
        tickets.set_counter(s, 1, ["KTP", "KK"], now=now)
        auth.create_operator(s, username=SUPERVISOR, full_name="Sari Wulandari", role="supervisor",
                             pin=SUPERVISOR_PIN, now=now, actor="setup")
    config.save(app.settings, {"printer.uri": f"pdf://{(data_dir / 'prints').as_posix()}"})
    return app


@pytest.fixture
def pair(tmp_path, qtbot, make_ctx):
    """(cli data dir app, screens app, kiosk view, counter view signed in)."""
    from kiosk.ui.counter import CounterView
    from kiosk.ui.kiosk import KioskView

    cli, screens = prepare(tmp_path / "cli"), prepare(tmp_path / "screens")
    ctx = make_ctx(app=screens)
    kiosk_view, counter = KioskView(ctx, locked=False), CounterView(ctx)
    for view in (kiosk_view, counter):
        qtbot.addWidget(view)
        view.show()
    login(counter)
    yield cli, screens, kiosk_view, counter
    kiosk_view.allow_close()
    cli.close()


def cli_ok(app: App, *args: str) -> dict:
    result = run_kiosk(app.data_dir, *args, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_cli_and_the_screens_leave_the_same_rows(pair):
    cli, screens, kiosk_view, counter = pair
    steps = []

    def same(step: str) -> None:
        steps.append(step)
        assert facts(cli) == facts(screens), f"after {steps}"

    # A citizen takes a KTP ticket, printed.
    cli_ok(cli, "ticket", "issue", "KTP", "--print")
    assert kiosk_view.take_ticket(None, service_code="KTP")["number"] == "A-001"
    same("issue + print")

    queue = counter.queue_tab
    for action, args in (("next", ("ticket", "next", "--counter", "1")),
                         ("recall", ("ticket", "recall", "A-001", "--counter", "1")),
                         ("start", ("ticket", "start", "A-001", "--counter", "1"))):
        cli_ok(cli, *args)
        queue.run(action)
        same(action)

    # Sent on to KK: the new ticket is printed for the citizen by both front ends.
    cli_ok(cli, "ticket", "transfer", "A-001", "--to", "KK", "--counter", "1", "--print")
    queue.transfer_to("KK")
    same("transfer + print")

    cli_ok(cli, "ticket", "next", "--counter", "1")
    queue.run("next")
    cli_ok(cli, "ticket", "start", "B-001", "--counter", "1")
    queue.run("start")
    same("call + start B-001")

    # The application taken in while B-001 is served, with its receipt.
    cli_ok(cli, "application", "new", "--service", "KK", "--nik", NIK, "--name", "Siti Aminah", "--print")
    form = counter.intake_tab
    form.service.setCurrentIndex(form.service.findData("KK"))
    form.nik.setText(NIK)
    form.name.setText("Siti Aminah")
    for box in form.doc_boxes.values():
        box.setChecked(True)
    assert form.save() is not None
    same("application + receipt")

    cli_ok(cli, "ticket", "finish", "B-001", "--counter", "1")
    queue.run("finish")
    same("finish")

    # Looking a citizen up is audited on both; the screen opens the one it found (a view, audited too).
    found = cli_ok(cli, "application", "search", "Siti")
    cli_ok(cli, "application", "show", found[0]["registration_number"])
    counter.applications_tab.query.setText("Siti")
    counter.applications_tab.search()
    same("search + show")

    # A local service finished here: marked ready on both.
    regno = found[0]["registration_number"]
    cli_ok(cli, "application", "set-status", regno, "ready")
    counter.applications_tab.mark_ready()
    same("set-status ready")

    # The citizen's survey.
    cli_ok(cli, "survey", "add", "--service", "KK", "--scores", "4,4,3,4,4,4,4,3,4")
    from kiosk.ops import survey

    screens.as_actor("kiosk").run(survey.add_survey, service="KK", scores=[4, 4, 3, 4, 4, 4, 4, 3, 4])
    same("survey")

    # A citizen who booked online checks in: by command, and by the kiosk's booking page (its QR scanned).
    from tests.test_bookings import pulled_booking

    code = pulled_booking(cli.store, cli.now(), service="KK", booking_id="b0000000-0000-4000-8000-000000000001")
    pulled_booking(screens.store, screens.now(), service="KK", code=code,
                   booking_id="b0000000-0000-4000-8000-000000000001")
    same("booking pulled")
    cli_ok(cli, "booking", "check-in", code, "--print")
    kiosk_view.scan_booking(f"B:{code}")
    assert kiosk_view.current_page() == "ticket"
    same("booking check-in + print")

    # The supervisor's accounts page: add, reset a PIN, change the role, deactivate (audited alike).
    page = counter.supervisor_tab.operators
    counter.tabs.setCurrentWidget(counter.supervisor_tab)
    counter.supervisor_tab.show_page(page)
    cli_ok(cli, "operator", "add", "rina", "--name", "Rina Marlina", "--pin", "975310")
    page.username.setText("rina")
    page.full_name.setText("Rina Marlina")
    page.pin.setText("975310")
    page.add()
    cli_ok(cli, "operator", "reset-pin", "rina", "--pin", "864200")
    page.new_pin.setText("864200")
    page.reset_pin()
    cli_ok(cli, "operator", "role", "rina", "technician")
    page.role_combo.setCurrentIndex(page.role_combo.findData("technician"))
    page.set_role()
    cli_ok(cli, "operator", "deactivate", "rina")
    page._select("rina")
    page.deactivate()
    same("operators")
