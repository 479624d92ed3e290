"""`kiosk run` / `kiosk setup` as processes: lean help, no-display message, self-test."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT, kiosk_env, run_kiosk


def test_help_and_other_commands_do_not_import_qt(tmp_path):
    code = ("import sys; from kiosk.cli import build_parser; p = build_parser(); "
            "p.parse_args(['run', '--role', 'display']); print('PySide6' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         env=kiosk_env(tmp_path), timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
    help_text = run_kiosk(tmp_path, "run", "--help").stdout
    for word in ("--role", "kiosk", "counter", "display", "--counter", "--fullscreen", "--screen", "--self-test"):
        assert word in help_text
    assert "--exit-when-shown" not in help_text


def test_run_without_a_display_says_so_in_one_line(tmp_path):
    env = {"QT_QPA_PLATFORM": "", "DISPLAY": "", "WAYLAND_DISPLAY": ""}
    result = run_kiosk(tmp_path / "d", "run", env_extra=env)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "xvfb-run kiosk run" in lines[0] and "QT_QPA_PLATFORM=offscreen" in lines[0]


def test_self_test_builds_every_view_and_reports_startup(kiosk_app):
    kiosk_app.close()
    result = run_kiosk(kiosk_app.data_dir, "run", "--self-test", env_extra={"QT_QPA_PLATFORM": "", "DISPLAY": ""})
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["startup_ms"] > 0
    assert set(data["views"]) == {"KioskView", "CounterView", "DisplayView", "SetupWizard", "AdminPanel"}


def test_bad_options_are_usage_errors(tmp_path, capsys):
    from kiosk.cli import main

    assert main(["--data-dir", str(tmp_path), "run", "--role", "tv"]) == 2
    assert main(["--data-dir", str(tmp_path), "run", "--screen", "-1"]) == 2
    assert main(["--data-dir", str(tmp_path), "setup", "--non-interactive", "--site", "64.02.12"]) == 2
    assert "--role" in capsys.readouterr().err
