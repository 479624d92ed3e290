"""The TV display follows calls within a second, from this process or another one."""

from __future__ import annotations

import time

from kiosk import tickets
from kiosk.models import Announcement
from kiosk.ops import queue
from tests.conftest import run_kiosk


def issue(app, service="KTP") -> str:
    with app.store.transaction() as s:
        return tickets.issue_ticket(s, service, now=app.now(), actor="kiosk").number


def test_call_next_at_a_counter_shows_and_flashes_on_the_display(qtbot, ctx, kiosk_app):
    from kiosk.ui.display_view import DisplayView

    number = issue(kiosk_app)
    display = DisplayView(ctx)
    qtbot.addWidget(display)
    display.resize(1280, 720)
    display.show()
    assert display.number_on(1) is None
    assert display.waiting.text() == "A Perekaman & Pencetakan KTP-el 1"
    with qtbot.waitSignal(display.called, timeout=1000) as called:
        ctx.run(queue.call_next, counter=1, actor="sari")
    assert called.args[0] == {"counter": 1, "number": number, "service": "KTP"}
    assert display.number_on(1) == number
    assert display.cards[1].is_flashing()
    assert number in display.recent.text()
    assert "Tidak ada yang menunggu" in display.waiting.text()


def test_a_call_made_by_another_process_shows_within_a_second(qtbot, ctx, kiosk_app):
    from kiosk.ui.display_view import DisplayView

    number = issue(kiosk_app)
    display = DisplayView(ctx)
    qtbot.addWidget(display)
    display.show()
    result = run_kiosk(kiosk_app.data_dir, "ticket", "call", "--counter", "2")
    assert result.returncode == 0, result.stderr
    committed = time.monotonic()
    qtbot.waitUntil(lambda: display.number_on(2) == number, timeout=1000)
    assert time.monotonic() - committed < 1.0
    assert display.cards[2].is_flashing()


def test_recall_flashes_again(qtbot, ctx, kiosk_app):
    from kiosk.ui.display_view import DisplayView

    issue(kiosk_app)
    ticket = ctx.run(queue.call_next, counter=1, actor="sari")["id"]
    display = DisplayView(ctx)
    qtbot.addWidget(display)
    assert not display.cards[1].is_flashing()
    with qtbot.waitSignal(display.called, timeout=1000):
        ctx.run(queue.recall, ticket=ticket, counter=1, actor="sari")
    assert display.cards[1].is_flashing()


def test_running_text_shows_announcements_from_central(qtbot, ctx, kiosk_app):
    from kiosk.ui.display_view import DisplayView

    display = DisplayView(ctx)
    qtbot.addWidget(display)
    assert "Selamat datang di Mini MPP Kecamatan Tabang" in display.marquee.text()
    with kiosk_app.store.transaction() as s:
        s.add(Announcement(id="a1", text="Perekaman KTP-el keliling hari Rabu", active=True))
        s.add(Announcement(id="a2", text="Pengumuman lama", active=False))
    display.refresh_slow()
    assert "Perekaman KTP-el keliling hari Rabu" in display.marquee.text()
    assert "Pengumuman lama" not in display.marquee.text()


def test_a_call_from_another_process_is_spoken_once_and_not_again_after_a_restart(qtbot, ctx, kiosk_app):
    from kiosk import config
    from kiosk.ui.display_view import DisplayView

    config.save(kiosk_app.settings, {"voice.chime": False, "voice.speed": 200})
    heard: list[tuple[str, str]] = []
    number = issue(kiosk_app)
    display = DisplayView(ctx)
    qtbot.addWidget(display)
    display.announcer.add_listener(lambda kind, event, info: heard.append((kind, info.get("text", ""))))
    result = run_kiosk(kiosk_app.data_dir, "ticket", "call", "--counter", "2")
    assert result.returncode == 0, result.stderr
    qtbot.waitUntil(lambda: ("spoken", "Nomor antrian A satu, silakan menuju loket dua.") in heard, timeout=15000)
    assert number == "A-001" and [k for k, _ in heard] == ["started", "spoken"]
    display.close()

    again: list[str] = []
    restarted = DisplayView(ctx)   # the TV was switched off and on
    qtbot.addWidget(restarted)
    restarted.announcer.add_listener(lambda kind, event, info: again.append(kind))
    restarted.refresh()
    qtbot.wait(300)
    assert again == [] and not restarted.cards[2].is_flashing()  # nothing old is said or flashed again
    assert restarted.number_on(2) == number


def test_voice_settings_from_the_admin_panel(qtbot, ctx, kiosk_app):
    from kiosk import config
    from kiosk.ui.admin import AdminPanel

    panel = AdminPanel(ctx)
    qtbot.addWidget(panel)
    box = panel.voice_box
    box.checks["voice.speaker"].setChecked(False)
    box.volume.setValue(40)
    box.numbers.setCurrentIndex(box.numbers.findData("digits"))
    box.quiet.setText("12:00-13:00")
    assert box.save()
    stored = config.load(kiosk_app.data_dir)
    assert stored.get("voice.speaker") is False and stored.get("voice.volume") == 40
    assert stored.get("voice.numbers") == "digits" and stored.get("voice.quiet_hours") == "12:00-13:00"
    box.quiet.setText("siang")
    assert not box.save() and "JJ:MM" in box.result.text()
    assert config.load(kiosk_app.data_dir).get("voice.quiet_hours") == "12:00-13:00"  # nothing half-saved
    box.test()
    assert "JJ:MM" in box.result.text() and box.test_button.isEnabled()  # refused before any sound
    box.quiet.setText("")
    box.checks["voice.chime"].setChecked(False)
    box.speed.setValue(200)
    box.test()
    assert not box.test_button.isEnabled()
    qtbot.waitUntil(lambda: box.test_button.isEnabled(), timeout=20000)
    assert "Null" in box.result.text()
