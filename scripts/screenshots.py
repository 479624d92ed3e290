"""Render every main screen to docs/screenshots/*.png (`make screenshots`), offscreen or under Xvfb.

A throw-away data dir for Kecamatan Tabang with a frozen clock, a few tickets called, applications in
several states and a supervisor; then each view is put in a telling state and grabbed.

    python scripts/screenshots.py [--out docs/screenshots] [--only kiosk_home,display]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("KIOSK_VOICE_OUTPUT", "null")  # the displays here never make a sound

SITE = "64.02.12"  # Tabang
KIOSK_SIZE = (1280, 800)
COUNTER_SIZE = (1366, 768)
DISPLAY_SIZE = (1280, 720)
WIZARD_SIZE = (900, 680)


def seed(app) -> dict:
    """Demo data through the domain, as the app would make it."""
    from kiosk import applications, auth, site, tickets
    from kiosk.models import Announcement

    facts: dict = {}
    with app.store.transaction() as s:
        now = app.now()
        site.init_site(s, SITE, "kiosk-tabang", now)
        tickets.set_counter(s, 1, ["KTP", "KK", "AKLAHIR"], now=now)
        tickets.set_counter(s, 2, ["KTP", "PINDAH"], now=now)
        tickets.set_counter(s, 3, ["PKB", "JKN"], now=now)
        auth.create_operator(s, username="sari", full_name="Sari Wulandari", role="supervisor", pin="246810",
                             now=now, actor="setup")
        auth.create_operator(s, username="budi", full_name="Budi Santoso", role="operator", pin="135790",
                             now=now, actor="setup")
        s.add(Announcement(id="a1", text="Rabu 2 Desember: perekaman KTP-el keliling di Desa Gunung Sari", active=True))
        s.add(Announcement(id="a2", text="Jam layanan Senin–Jumat 08.00–15.00 WITA", active=True))
    plan = [("KTP", None), ("KTP", "lansia"), ("KK", None), ("KTP", None), ("AKLAHIR", None), ("KK", "hamil"),
            ("KTP", None), ("PINDAH", None), ("PKB", None), ("JKN", None), ("KTP", None), ("KK", None)]
    codes = {x for x, _ in plan}
    with app.store.read() as s:
        from kiosk import catalog

        known = {svc.code for svc in catalog.services(s)}
    missing = codes - known
    if missing:
        raise SystemExit(f"catalog has no {missing}")
    for index, (code, priority) in enumerate(plan):
        app.clock.advance(minutes=3)
        with app.store.transaction() as s:
            tickets.issue_ticket(s, code, now=app.now(), priority=priority, actor="kiosk")
        if index == 5:
            with app.store.transaction() as s:
                t = tickets.call_next(s, 1, now=app.now(), actor="sari")
                tickets.start_service(s, t.id, 1, now=app.now(), actor="sari")
                tickets.finish(s, t.id, 1, now=app.now(), actor="sari")
    with app.store.transaction() as s:
        t = tickets.call_next(s, 2, now=app.now(), actor="budi")
        tickets.start_service(s, t.id, 2, now=app.now(), actor="budi")
        tickets.call_next(s, 3, now=app.now(), actor="budi")
    app.clock.advance(minutes=1)
    with app.store.transaction() as s:
        facts["called"] = tickets.call_next(s, 1, now=app.now(), actor="sari").number
    with app.store.transaction() as s:
        a = applications.new_application(s, service_code="KK", nik="6402124507850003", name="Siti Aminah",
                                         phone="081234567890", desa_code="64.02.12.2001", address="RT 04 Jl. Sungai Belayan",
                                         documents=None, notes=None, operator="sari", now=app.now())
        applications.set_status(s, a, "in_process", actor="sari", now=app.now())
        applications.set_status(s, a, "ready", actor="sari", now=app.now())
        facts["ready"] = a.registration_number
        b = applications.new_application(s, service_code="AKLAHIR", nik="6402121203900001", name="Ahmad Yani",
                                          phone=None, desa_code=None, address=None, documents=None, notes=None,
                                          operator="sari", now=app.now())
        facts["received"] = b.registration_number
    # A visit booked online for 09:30, as central's pull brings it (kind `bk`).
    from kiosk.clock import SITE_TZ
    from kiosk.sync.engine import apply_change
    from mpp import wire

    start = datetime(2026, 11, 30, 9, 30, tzinfo=SITE_TZ)
    with app.store.transaction() as s:
        apply_change(s, wire.KIND_BOOKING, {
            "id": "5b1d3c8e-0c1f-4a8e-9a51-3f0d2b7c9e01", "code": "K7QM4TZV", "service": "KK",
            "day": "2026-11-30", "start": int(start.timestamp()), "end": int((start + timedelta(minutes=30)).timestamp()),
            "until": int((start + timedelta(minutes=45)).timestamp()), "status": "booked",
            "created_at": int((start - timedelta(days=2)).timestamp()), "ticket": None, "checked_in_at": None},
            app.now())
    facts["booking"] = "K7QM-4TZV"
    return facts


HALL_SERVICES = ["KTP", "KK", "AKLAHIR", "AKMATI", "PINDAH", "KIA", "NIB", "PBG", "IUMK", "JKN", "PKB", "PASPOR",
                 "SKCK", "TANAH", "PBB"]


def seed_hall(app, counters: int) -> None:
    """A hall with `counters` counters (1..12), most of them calling, and people waiting for every service."""
    from kiosk import site, tickets

    with app.store.transaction() as s:
        now = app.now()
        site.init_site(s, SITE, "tv-tabang", now)
        for n in range(1, counters + 1):  # every service has a counter (a ticket nobody serves is refused)
            tickets.set_counter(s, n, HALL_SERVICES[n - 1::counters] or [HALL_SERVICES[(n - 1) % len(HALL_SERVICES)]],
                                now=now)
    for _round in range(3):
        for code in HALL_SERVICES:
            app.clock.advance(seconds=20)
            with app.store.transaction() as s:
                tickets.issue_ticket(s, code, now=app.now(), actor="kiosk")
    for n in range(1, counters + 1):
        if counters > 1 and n % 5 == 0:
            continue  # a counter between two citizens shows no number
        app.clock.advance(seconds=30)
        with app.store.transaction() as s:
            tickets.call_next(s, n, now=app.now(), actor="petugas")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--only", help="comma-separated screen names")
    args = parser.parse_args(argv)
    only = set(args.only.split(",")) if args.only else None

    from kiosk.app import App
    from kiosk.clock import SITE_TZ, FrozenClock
    from kiosk.ui.application import create_qapplication
    from kiosk.ui.bridge import Bridge
    from kiosk.ui.context import UiContext
    from kiosk.ui.qt import Qt, QWidget, QWizard

    qapp = create_qapplication("id")
    args.out.mkdir(parents=True, exist_ok=True)
    made: list[Path] = []

    def shoot(name: str, widget: QWidget, size: tuple[int, int] | None = None) -> None:
        if only and name not in only:
            return
        if size:
            widget.resize(*size)
        widget.show()
        for _ in range(3):
            qapp.processEvents()
        path = args.out / f"{name}.png"
        widget.grab().save(str(path))
        made.append(path)

    with tempfile.TemporaryDirectory(prefix="kiosk-shots-") as tmp:
        clock = FrozenClock(datetime(2026, 11, 30, 8, 0, tzinfo=SITE_TZ))
        app = App(data_dir=Path(tmp), clock=clock)
        facts = seed(app)
        clock.at = datetime(2026, 11, 30, 9, 41, tzinfo=SITE_TZ)
        bridge = Bridge(app)
        ctx = UiContext(app, bridge, "all", counter=1)
        # What the workers would report on a good day (they are not started here: nothing is sent).
        bridge.on_printer_state({"enabled": True, "state": "ok", "message": "Printer siap"})
        bridge.on_sync_state({"enabled": True, "online": True, "pending": 0,
                                  "last_success": clock.now() - timedelta(minutes=1), "skew_seconds": 2.0})

        from kiosk.ui.admin import AdminPanel, PinDialog
        from kiosk.ui.counter import CounterView
        from kiosk.ui.display_view import DisplayView
        from kiosk.ui.kiosk import KioskView
        from kiosk.ui.setup_wizard import SetupWizard

        # --- citizen kiosk ---
        kiosk = KioskView(ctx, locked=False)
        kiosk.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        shoot("kiosk_home", kiosk, KIOSK_SIZE)
        kiosk.start_flow("ticket")
        shoot("kiosk_agencies", kiosk)
        kiosk.choose("DUKCAPIL")
        shoot("kiosk_services", kiosk)
        kiosk.go_home()
        kiosk.start_flow("priority")
        shoot("kiosk_priority", kiosk)
        kiosk.go_home()
        kiosk.start_flow("search")
        kiosk.search_page.input.setText("akta")
        shoot("kiosk_search", kiosk)
        kiosk.go_home()
        kiosk.start_flow("booking")
        kiosk.booking_page.input.setText(facts["booking"])
        shoot("kiosk_booking", kiosk)
        kiosk.booking_page.submit()
        kiosk.ticket_page.set_print_state("done")
        shoot("kiosk_booking_ticket", kiosk)
        kiosk.go_home()
        bridge.on_printer_state({"enabled": True, "state": "paper_out", "message": "Kertas habis"})
        for _ in range(3):
            qapp.processEvents()
        shoot("kiosk_home_printer_problem", kiosk)
        bridge.on_printer_state({"enabled": True, "state": "ok", "message": "Printer siap"})
        for _ in range(3):
            qapp.processEvents()
        shoot("kiosk_home_portrait", kiosk, (1080, 1920))
        for _ in range(2):  # back to landscape: the style shrinks first, then the window can
            kiosk.resize(*KIOSK_SIZE)
            qapp.processEvents()
        ticket = kiosk.take_ticket(None, service_code="KTP")
        kiosk.ticket_page.set_print_state("done")
        shoot("kiosk_ticket", kiosk)
        kiosk.ticket_page.set_print_state("failed", "Printer kehabisan kertas")
        shoot("kiosk_ticket_printer_failed", kiosk)
        kiosk.go_home()
        kiosk.start_flow("info")
        kiosk.choose("DUKCAPIL")
        kiosk.choose("KK")
        shoot("kiosk_info", kiosk)
        kiosk.go_home()
        kiosk.start_flow("status")
        kiosk.status_page.input.setText(facts["ready"])
        kiosk.status_page.submit()
        shoot("kiosk_status", kiosk)
        kiosk.go_home()
        kiosk.start_flow("survey")
        survey = kiosk.survey_page
        shoot("kiosk_survey_services", kiosk)
        survey.choose_service("KTP")
        for score in (4, 3, 4):
            survey.answer(score)
        shoot("kiosk_survey", kiosk)
        for score in (4, 4, 3, 4, 2, 4):
            survey.answer(score)
        survey.next_page()
        shoot("kiosk_survey_send", kiosk)
        survey.open_profile()
        survey.sex.set_value("P")
        survey.age.setText("34")
        survey.education.set_value("SMA")
        survey.job.set_value("Wirausaha")
        shoot("kiosk_survey_profile", kiosk)
        survey.open_suggestion()
        survey.suggestion.setPlainText("Ruang tunggu panas, mohon ditambah kipas angin.")
        shoot("kiosk_survey_suggestion", kiosk)
        kiosk.go_home()
        invited = {"ticket": "demo", "number": "B-002", "counter": 1, "invited_at": None,
                   "service": {"code": "KK", "name": "Penerbitan Kartu Keluarga (Baru / Perubahan / Hilang)",
                               "name_en": ""}}
        kiosk.open_survey(invited)
        shoot("kiosk_survey_portrait", kiosk, (1080, 1920))
        kiosk.resize(*KIOSK_SIZE)
        kiosk.go_home()
        kiosk.set_language("en")
        shoot("kiosk_home_en", kiosk)
        kiosk.go_home()
        pin = PinDialog(ctx, kiosk)
        shoot("kiosk_admin_pin", pin, (760, 600))
        pin.close()
        admin = AdminPanel(ctx, kiosk=kiosk, operator={"username": "sari", "name": "Sari Wulandari"}, parent=kiosk)
        shoot("kiosk_admin_panel", admin, (720, 560))
        admin.close()
        kiosk.hide()

        # --- counter ---
        counter = CounterView(ctx)
        counter.login_page.username.setText("sari")
        shoot("counter_login", counter, COUNTER_SIZE)
        counter.login_page.pin.setText("246810")
        counter.login_page.submit()
        # The citizen sat down 4 min 12 s ago: the timer runs; the whole site's waiting list is on.
        counter.queue_tab.run("start")
        clock.advance(minutes=4, seconds=12)
        counter.queue_tab.whole_site.setChecked(True)
        counter.queue_tab.refresh()
        counter.queue_tab.say(f"Melayani {facts['called']}.")
        shoot("counter_queue", counter)
        counter.queue_tab.whole_site.setChecked(False)
        # A joined counter whose hub is away: said in the status bar within 3 s, the spool counted.
        bridge.on_hub_state({"role": "joined", "reachable": False, "hub_url": "https://192.168.1.20:8710",
                             "spooled": 2})
        for _ in range(3):
            qapp.processEvents()
        shoot("counter_joined_status", counter.statusBar())
        bridge.on_hub_state({"role": "joined", "reachable": True, "spooled": 0})
        for _ in range(3):
            qapp.processEvents()
        shoot("counter_joined_status_ok", counter.statusBar())
        bridge.on_hub_state({"role": None})
        for _ in range(3):
            qapp.processEvents()
        counter.resize(*COUNTER_SIZE)
        counter.tabs.setCurrentWidget(counter.intake_tab)
        intake = counter.intake_tab
        intake.service.setCurrentIndex(max(0, intake.service.findData("KK")))
        intake.nik.setText("6402123113850001")
        intake.name.setText("Rahmat Hidayat")
        intake.phone.setText("0812-555")
        intake.address.setText("RT 02 Jl. Poros Tabang")
        for box in list(intake.doc_boxes.values())[:2]:
            box.setChecked(True)
        intake.save()
        shoot("counter_intake", counter)
        intake.clear_form()
        counter.tabs.setCurrentWidget(counter.applications_tab)
        counter.applications_tab.query.setText(facts["ready"][:6])
        counter.applications_tab.search()
        counter.applications_tab.open(facts["ready"])
        shoot("counter_applications", counter)
        counter.tabs.setCurrentWidget(counter.supervisor_tab)
        sup = counter.supervisor_tab
        shoot("counter_supervisor", counter)
        sup.show_page(sup.today)
        shoot("counter_supervisor_today", counter)
        sup.show_page(sup.operators)
        sup.operators._select("budi")
        shoot("counter_supervisor_operators", counter)
        sup.show_page(sup.counters)
        sup.counters._select(2)
        shoot("counter_supervisor_counters", counter)
        sup.show_page(sup.announcements)
        sup.announcements.text.setText("Loket 2 istirahat pukul 12.00–13.00 WITA")
        sup.announcements.hours.setValue(4)
        sup.announcements.add()
        shoot("counter_supervisor_announcements", counter)
        sup.show_page(sup.printq)
        shoot("counter_supervisor_printq", counter)
        sup.show_page(sup.today)
        counter.hide()

        # --- TV display ---
        display = DisplayView(ctx)
        shoot("display", display, DISPLAY_SIZE)
        card = display.cards.get(1)
        if card is not None:
            card.flash()
            shoot("display_flash", display)
            card.stop_flash()
        display.hide()

        # --- setup wizard: the hub PC, then a counter that joins it ---
        def settle(predicate, seconds: float = 20) -> None:
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline and not predicate():
                qapp.processEvents()
                time.sleep(0.02)
            for _ in range(3):
                qapp.processEvents()

        wizard = SetupWizard(ctx)
        wizard.resize(*WIZARD_SIZE)
        wizard.show()
        wizard.next()
        wizard.role_page.set_role("kiosk")
        shoot("wizard_role", wizard)
        wizard.next()
        wizard.site_page.search.setText("tab")
        shoot("wizard_kecamatan", wizard)
        wizard.next()
        wizard.server_page.url.setText("http://127.0.0.1:9")
        wizard.server_page.code.setText("TBG-7Q2K")
        wizard.server_page.test_connection()
        settle(lambda: wizard.server_page.test_failed)
        shoot("wizard_server", wizard)
        wizard.server_page.skip.setChecked(True)
        wizard.next()
        settle(lambda: not wizard.printer_page.detecting)
        wizard.printer_page.show_detected([
            {"uri": "escpos+usb://04b8:0e15", "label": "Epson TM-T82II (USB 04b8:0e15)", "kind": "usb",
             "state": "present", "status": "terpasang di USB"},
            {"uri": "escpos+tcp://192.168.1.31:9100", "label": "Printer ESC/POS 192.168.1.31:9100",
             "kind": "network", "state": "ready", "status": "siap, kertas ada"}], scanned=True)
        wizard.printer_page.set_uri("escpos+usb://04b8:0e15")
        wizard.printer_page.set_uri("dummy://")
        wizard.printer_page.test_print()  # renders the preview on a worker thread
        settle(lambda: not wizard.printer_page.preview.pixmap().isNull())
        wizard.printer_page.set_uri("escpos+usb://04b8:0e15")
        shoot("wizard_printer", wizard)
        wizard.printer_page.set_uri("dummy://")
        wizard.next()
        wizard.supervisor_page.existing.setChecked(True)
        wizard.next()
        shoot("wizard_summary", wizard)
        wizard.button(QWizard.WizardButton.FinishButton).click()
        settle(lambda: wizard.done_page.pairing is not None)
        shoot("wizard_done_hub", wizard)
        wizard.hide()

        joiner = SetupWizard(ctx)
        joiner.resize(*WIZARD_SIZE)
        joiner.show()
        joiner.next()
        joiner.role_page.set_mode("join")
        joiner.role_page.set_role("counter")
        joiner.next()
        page = joiner.join_page
        settle(lambda: not page.searching, 8)
        # What a LAN with the Tabang hub on it shows (the demo has no second PC).
        page.found = [{"url": "https://192.168.1.20:8710", "urls": ["https://192.168.1.20:8710"],
                       "site": "64.02.12", "site_name": "Tabang", "epoch": 1, "fingerprint": "ab" * 32}]
        page.list.clear()
        page.list.addItem("Kecamatan Tabang — https://192.168.1.20:8710")
        page.search_state.setText("1 hub ditemukan.")
        page.address.setText("https://192.168.1.20:8710")
        page.probed = {"ok": True, "site_name": "Tabang"}
        from kiosk.ui.setup_wizard import _say

        _say(page.result, "✓ Hub Kecamatan Tabang (PC kiosk-tabang) menjawab. Sidik jari: 3F:A2:91:0C:7B:44:E8:1D…",
             "fieldOk")
        page.code.setText(wizard.done_page.pairing["code"])
        page.name.setText("loket-2")
        shoot("wizard_join", joiner)
        joiner.next()
        joiner.counter_page.number.setValue(2)
        joiner.counter_page.check(["KK", "AKLAHIR"])
        shoot("wizard_counter", joiner)
        joiner.next()
        settle(lambda: not joiner.printer_page.detecting)
        joiner.printer_page.use_pdf()
        joiner.next()
        joiner.done_page.initializePage()
        shoot("wizard_summary_join", joiner)
        joiner.hide()

        # --- the site's PCs, on the hub the wizard just made: a new PC's pairing code and fingerprint ---
        if not only or "counter_supervisor_site_pcs" in only:
            counter.tabs.setCurrentWidget(counter.supervisor_tab)
            sup.show_page(sup.site_pcs)
            sup.site_pcs.pair()
            shoot("counter_supervisor_site_pcs", counter, COUNTER_SIZE)
            counter.hide()

        # --- the `all` role on a 1366x768 screen: it says it needs a larger one ---
        from kiosk.ui.application import tile_on_one_screen
        from kiosk.ui.qt import QRect

        views = (KioskView(ctx, locked=False), CounterView(ctx), DisplayView(ctx))
        notice = tile_on_one_screen(*views, area=QRect(0, 0, 1366, 768))
        if notice is not None:
            shoot("all_1366x768_notice", notice)
            notice.close()
        for view in views:
            view.setProperty("allowClose", True)
            view.close()
        bridge.stop()
        del ticket
        app.close()

    # --- the TV display in halls of 1, 6 and 12 counters, landscape and portrait 1080p ---
    from kiosk.ui.display_view import DisplayView

    for counters in (1, 6, 12):
        if only and not any(name.startswith(f"display_{counters}_") for name in only):
            continue
        with tempfile.TemporaryDirectory(prefix="kiosk-hall-") as tmp:
            app = App(data_dir=Path(tmp), clock=FrozenClock(datetime(2026, 11, 30, 9, 0, tzinfo=SITE_TZ)))
            seed_hall(app, counters)
            bridge = Bridge(app)
            display = DisplayView(UiContext(app, bridge, "display"))
            for size in ((1920, 1080), (1080, 1920)):
                shoot(f"display_{counters}_{size[0]}x{size[1]}", display, size)
            display.close()
            bridge.stop()
            app.close()
    for path in made:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
