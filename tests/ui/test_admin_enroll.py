"""Enrolling with central later, from the admin panel (the wizard's "Lewati"): a real kiosk-server on loopback."""

from __future__ import annotations

from tests.synctools import Central, ServerProcess, free_port


def test_enroll_later_from_the_admin_panel(qtbot, ctx, kiosk_app, tmp_path):
    from kiosk.ui.admin import AdminPanel

    panel = AdminPanel(ctx, operator={"username": "sari", "name": "Sari"})
    qtbot.addWidget(panel)
    # Nobody listens on this port: said in plain Indonesian, nothing changes.
    panel.enroll_server.setText(f"http://127.0.0.1:{free_port()}")
    panel.enroll_code.setText("ABCD-1234")
    panel.enroll()
    qtbot.waitUntil(lambda: panel.enroll_button.isEnabled(), timeout=20_000)
    assert panel.enroll_result.text().startswith("Belum terdaftar: ")
    assert "Errno" not in panel.enroll_result.text()
    assert panel.enroll_result.objectName() == "fieldError"
    assert not kiosk_app.settings.server_url

    central = Central(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    central.init()
    central.server = ServerProcess(central.db_url, log_path=tmp_path / "server.log").start()
    try:
        panel.enroll_server.setText(central.url + "/")
        panel.enroll_code.setText(central.code("64.02.12"))
        panel.enroll()
        qtbot.waitUntil(lambda: panel.enroll_button.isEnabled(), timeout=20_000)
        assert panel.enroll_result.text() == "Terdaftar untuk situs 64.02.12. Sinkronisasi berjalan.", \
            panel.enroll_result.text()
        assert kiosk_app.settings.server_url == central.url
        assert panel.server.text() == central.url
    finally:
        central.server.stop()
