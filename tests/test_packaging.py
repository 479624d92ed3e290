"""The server stands on its own: central and mpp import no kiosk module, and installing the server
(`pip install ./server`) brings no Qt, printer, PDF or image library; the desktop install still has all."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import textwrap
import tomllib

import pytest

from tests.synctools import ROOT, ServerProcess, free_port

DESKTOP_ONLY = {"pyside6", "pyside6-essentials", "shiboken6", "python-escpos", "reportlab", "pillow"}


def _imports(package: str) -> dict[str, set[str]]:
    """Top-level module names each file of `package` imports."""
    found = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(ROOT))] = names
    return found


def test_central_and_mpp_import_no_client_module():
    for path, names in _imports("central").items():
        assert "kiosk" not in names, path
    stdlib = set(sys.stdlib_module_names)
    for path, names in _imports("mpp").items():
        assert names <= stdlib | {"mpp", "__future__"}, (path, names - stdlib)


def _name(requirement: str) -> str:
    import re

    return re.split(r"[\s\[<>=;!~]", requirement, maxsplit=1)[0].lower()


def test_the_server_distribution_needs_nothing_the_desktop_install_lacks():
    desktop = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    server = tomllib.loads((ROOT / "server" / "pyproject.toml").read_text())["project"]
    desktop_names = {_name(r) for r in desktop["dependencies"] + desktop["optional-dependencies"]["server"]}
    server_names = {_name(r) for r in server["dependencies"]}
    assert server_names <= desktop_names
    assert not server_names & DESKTOP_ONLY
    assert server["scripts"]["kiosk-server"] == desktop["scripts"]["kiosk-server"]


BLOCKER = """
import importlib.abc, sys
BLOCKED = {"kiosk", "PySide6", "shiboken6", "escpos", "reportlab", "PIL", "requests", "qrcode"}
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"blocked in this test: {name}", name=name)
        return None
sys.meta_path.insert(0, Block())
"""


def test_central_serves_a_push_with_the_kiosk_and_desktop_libraries_unimportable(tmp_path):
    db = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    script = BLOCKER + textwrap.dedent(f"""
        import gzip, json, uuid
        from datetime import UTC, datetime, timedelta
        from central import cli
        assert cli.main(["init", "--db", "{db}"]) == 0
        from fastapi.testclient import TestClient
        from central.app import create_app
        from central.db import Database
        from central.devices import create_enrollment_code
        from mpp import wire
        database = Database("{db}")
        with database.write() as conn:
            code = create_enrollment_code(conn, "64.02.12", timedelta(hours=1), datetime.now(UTC))
        client = TestClient(create_app(database=database))
        headers = {{wire.HEADER_PROTOCOL: "1", wire.HEADER_SCHEMA: "1"}}
        device = str(uuid.uuid4())
        enrolled = client.post("/api/v1/enroll", json={{"code": code, "device": device, "site": "64.02.12"}},
                               headers=headers).json()
        mutation = wire.payload(wire.TICKET_ISSUED, id=str(uuid.uuid4()), number="A-001", service="KTP",
                                business_day="2026-11-30", arrival_at=1764460800, issued_at=1764460800)
        body = wire.encode_push(device, "64.02.12", 1, 1, 1, [(wire.TICKET_ISSUED, mutation)])
        reply = client.post("/api/v1/push", content=body, headers={{**headers, "Content-Encoding": "gzip",
                            "Authorization": f"Bearer {{device}}:{{enrolled['secret']}}"}})
        print(json.dumps({{"status": reply.status_code, "body": reply.json(),
                          "loaded": sorted(m for m in __import__("sys").modules if m.split(".")[0] == "kiosk")}}))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["status"] == 200 and out["body"]["a"] == 1 and out["body"]["r"] == [], out
    assert out["loaded"] == []


def _pip_report(*args: str) -> list[str]:
    result = subprocess.run([sys.executable, "-m", "pip", "install", "--dry-run", "--quiet", "--ignore-installed",
                             "--report", "-", *args], capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-2000:]
    return [_normalised(item["metadata"]["name"]) for item in json.loads(result.stdout)["install"]]


def _normalised(name: str) -> str:
    import re

    return re.sub(r"[-_.]+", "-", name).lower()


@pytest.mark.slow
def test_installing_the_server_resolves_no_desktop_library_while_the_desktop_install_has_them():
    server = set(_pip_report("./server"))
    assert "mini-mpp-central" in server and {"fastapi", "sqlalchemy", "psycopg"} <= server
    assert not server & DESKTOP_ONLY, server & DESKTOP_ONLY
    assert "mini-mpp-kiosk" not in server
    desktop = set(_pip_report(".[server]"))
    assert DESKTOP_ONLY - {"pyside6"} <= desktop, DESKTOP_ONLY - desktop
    assert {"fastapi", "psycopg"} <= desktop


@pytest.mark.slow
def test_the_server_installs_and_runs_from_a_fresh_virtualenv(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    py = venv / "bin" / "python"
    install = subprocess.run([str(py), "-m", "pip", "install", "--quiet", str(ROOT / "server")],
                             capture_output=True, text=True, timeout=900)
    assert install.returncode == 0, install.stderr[-3000:]
    listed = subprocess.run([str(py), "-m", "pip", "list", "--format", "json"], capture_output=True, text=True,
                            check=True).stdout
    assert not {_normalised(p["name"]) for p in json.loads(listed)} & DESKTOP_ONLY
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KIOSK_", "PYTHON"))}
    db = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    server_cli = venv / "bin" / "kiosk-server"
    init = subprocess.run([str(server_cli), "init", "--db", db, "--json"], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=120)
    assert init.returncode == 0, init.stderr
    assert json.loads(init.stdout)["catalog_version"] == 1
    assert subprocess.run([str(py), "-c", "import kiosk"], capture_output=True, cwd=tmp_path).returncode != 0
    port = free_port()
    proc = subprocess.Popen([str(server_cli), "run", "--db", db, "--port", str(port)], env=env, cwd=tmp_path,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        probe = ServerProcess(db, port=port)
        probe.proc = proc
        import requests

        for _ in range(200):
            try:
                if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    break
            except requests.RequestException:
                pass
            assert proc.poll() is None
            __import__("time").sleep(0.1)
        assert requests.get(f"http://127.0.0.1:{port}/healthz", timeout=5).json()["ok"] is True
    finally:
        probe.stop()


def test_the_windows_installer_can_run_a_headless_hub_at_boot_and_takes_it_away_on_uninstall():
    """makensis compiles the script in the slow installer test; this checks what the hub option does."""
    import re

    nsi = (ROOT / "installer" / "windows" / "kiosk.nsi").read_text(encoding="utf-8")
    section = re.search(r'Section /o "\$\(SecHubName\)" SecHub\n(.*?)SectionEnd', nsi, re.S).group(1)
    assert "/SC ONSTART /RU SYSTEM" in section and "hub serve" in section
    assert "localport=8710,8711" in section and "profile=private" in section
    uninstall = re.search(r'Section "-un.Program".*?SectionEnd', nsi, re.S).group(0)
    assert "Call un.RemoveHubTask" in uninstall
    assert '${GetOptions} $2 "/HUB=" $3' in nsi
