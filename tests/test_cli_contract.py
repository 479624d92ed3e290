"""The CLI contract under hostile or careless input: one line on stderr, exit 2, no traceback, nothing
changed (the store and config.toml byte for byte). The real `kiosk` command, as a process."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk import config
from tests.conftest import kiosk_json, run_kiosk
from tests.test_cli import NIK, db_digest

BAD_BYTES = "Siti\udcff\udcfe"  # what Python makes of the non-UTF-8 bytes 0xff 0xfe in argv or the environment

# name -> (args, extra environment, config.toml bytes written first or None)
CASES = {
    "non_utf8_name": (["application", "new", "--service", "KTP", "--nik", NIK, "--name", BAD_BYTES], {}, None),
    "non_utf8_operator": (["ticket", "issue", "KTP"], {"KIOSK_OPERATOR": BAD_BYTES}, None),
    "huge_counter": (["ticket", "call", "--counter", "99999999999999999999"], {}, None),
    "far_report_date": (["report", "daily", "--date", "9999-12-31", "--out", "{data}/../r.pdf"], {}, None),
    "far_ikm_date": (["survey", "ikm", "--from", "0001-01-01"], {}, None),
    "non_utf8_config": (["queue"], {}, b"[ui]\nrole = \"\xff\xfe\"\n"),
    "non_utf8_config_doctor": (["doctor"], {}, b"\xff\xfe\x00garbage"),
    "server_is_a_number": (["doctor"], {}, b"server = 5\n"),
    "server_url_is_a_number": (["queue"], {}, b"[server]\nurl = 5\n"),
    "idle_timeout_out_of_range_in_file": (["doctor"], {}, b"[ui]\nidle_timeout = 2147484\n"),
    "bad_env_setting": (["queue"], {"KIOSK_UI_IDLE_TIMEOUT": "2147484"}, None),
    "backup_into_proc": (["backup", "--out", "/proc/self/x"], {}, None),
    "backup_over_config": (["backup", "--out", "{data}/config.toml"], {}, b"[printer]\nwidth = 58\n"),
    "backup_new_file_in_data_dir_not_sqlite": (["backup", "--out", "{data}/notes.txt"], {}, None),
    "backup_over_the_wal": (["backup", "--out", "{data}/kiosk.sqlite3-wal"], {}, None),
    "idle_timeout_too_big": (["config", "set", "ui.idle_timeout", "2147484"], {}, None),
    "javascript_url": (["config", "set", "server.url", "javascript:alert(1)"], {}, None),
    "plain_http_to_the_internet": (["config", "set", "server.url", "http://8.8.8.8/"], {}, None),
    "plain_http_to_a_name": (["config", "set", "server", "http://mpp.kukarkab.go.id"], {}, None),
    "plain_http_outside_172_16": (["config", "set", "server.url", "http://172.32.0.1:8000"], {}, None),
    "enroll_over_plain_http": (["enroll", "--server", "http://203.0.113.9", "--code", "ABCD-EFGH"], {}, None),
}


def _config_bytes(data_dir):
    path = data_dir / "config.toml"
    return path.read_bytes() if path.exists() else None


def assert_refused(data_dir, args, env=None):
    """Exit 2 with one line on stderr, no traceback, and the store and config.toml unchanged."""
    before, config_before = db_digest(data_dir), _config_bytes(data_dir)
    r = run_kiosk(data_dir, *args, env_extra=env)
    assert r.returncode == 2, (r.returncode, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.stderr, r.stderr
    assert db_digest(data_dir) == before
    assert _config_bytes(data_dir) == config_before
    return lines[0]


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_one_line_exit_2_and_changes_nothing(cli_site, case):
    args, env, config_file = CASES[case]
    kiosk_json(cli_site, "ticket", "issue", "KTP")
    if config_file is not None:
        (cli_site / "config.toml").write_bytes(config_file)
    line = assert_refused(cli_site, [a.replace("{data}", str(cli_site)) for a in args], env)
    if config_file is not None and args[0] != "backup":
        assert "config.toml" in line or "KIOSK_" in line


NUMERIC_KEYS = [key for key, (_s, _n, _parse, default) in config.KEYS.items()
                if isinstance(default, int) and not isinstance(default, bool)]


@pytest.mark.parametrize("key", NUMERIC_KEYS)
def test_every_numeric_setting_has_bounds(cli_site, key):
    for value in ("2147484", "-1", "99999999999999999999", "1.5", "0x10"):
        line = assert_refused(cli_site, ["config", "set", key, value])
        assert key in line


@pytest.mark.parametrize("url", ["https://mpp.kukarkab.go.id", "https://8.8.8.8:8443/pusat", "http://127.0.0.1:8000",
                                 "http://localhost:8000", "http://10.1.2.3", "http://172.16.0.9:80",
                                 "http://192.168.1.10:8000", "http://[::1]:8000"])
def test_server_urls_that_are_fine(cli_site, url):
    assert kiosk_json(cli_site, "config", "set", "server.url", url) == {"server.url": url}


def test_the_site_retention_is_a_setting(cli_site):
    assert run_kiosk(cli_site, "config", "set", "privacy.site_retention_days", "45").returncode == 0
    assert kiosk_json(cli_site, "config", "get", "privacy.site_retention_days") == {"privacy.site_retention_days": 45}


ARGUMENT_TEMPLATES = [
    ["ticket", "call", "--counter", "{}"],
    ["ticket", "issue", "{}"],
    ["ticket", "show", "{}"],
    ["report", "daily", "--date", "{}", "--out", "{data}/../r.pdf"],
    ["config", "set", "ui.idle_timeout", "{}"],
    ["config", "set", "server.url", "{}"],
    ["config", "set", "voice.quiet_hours", "{}"],
    ["application", "search", "{}"],
    ["application", "new", "--service", "KTP", "--nik", NIK, "--name", "{}"],
    ["counter", "set", "{}", "--services", "KTP"],
    ["backup", "--out", "{data}/../out/{}"],  # never the working directory (the repository)
]
VALUES = st.one_of(
    st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["9999-12-31", "0000-00-00", "2026-02-30", "-1", "1e9", "１２", "A-001", "../../etc/passwd",
                     "/proc/self/mem", "javascript:x", "http://", "https://[::1", "٣", "\u202e", "\x1b@"]),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(template=st.sampled_from(ARGUMENT_TEMPLATES), value=VALUES)
def test_fuzzed_arguments_never_give_a_traceback(cli_site, template, value):
    args = [a.replace("{data}", str(cli_site)).replace("{}", value) if "{" in a else a for a in template]
    r = run_kiosk(cli_site, *args)
    assert r.returncode in (0, 1, 2), (args, r.returncode, r.stderr)
    assert "Traceback" not in r.stderr, (args, r.stderr)
    if r.returncode:
        assert len(r.stderr.strip().splitlines()) == 1, (args, r.stderr)


def test_every_door_refuses_a_number_no_store_can_hold(cli_site):
    """The views and the hub's routes pass plain JSON to ops too: a crafted number is bad input there."""
    from kiosk.app import App
    from kiosk.errors import InputError
    from kiosk.hub.requests import execute
    from kiosk.ops import queue

    app = App(data_dir=cli_site)
    try:
        with pytest.raises(InputError, match="out of range"):
            app.run(queue.call_next, counter=10**20)
        status, body = execute(app, op_name="ticket.call", args={"counter": 10**20}, actor="x", key=None,
                               client="pc-2", now=app.now())
        assert status == 400 and body["error"] == "InputError" and body["exit_code"] == 2
    finally:
        app.close()
