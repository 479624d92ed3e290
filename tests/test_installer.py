"""Field deployment (issue 6): the PyInstaller bundle, the .deb, the NSIS script, upgrades that fail safely.

The slow tests use what `make dist` (installer/build.py) wrote to dist/, and build it first when it is
missing or older than the sources (about two minutes on two cores). They run the bundle the way a PC in
a kecamatan would: from outside the source tree, with a clean environment and, where the kernel lets us
(a private mount namespace), with every Python installation and the source tree hidden.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
BUNDLE = DIST / "mini-mpp-kiosk"
REPORT = DIST / "build-report.json"
SITE = "64.02.12"
IN_CI = bool(os.environ.get("CI"))


# --- upgrades: a failed migration leaves the old database intact and says so (fast) ----------------------

BROKEN_MIGRATION = '''"""a migration that fails half-way (test only)"""
import sqlalchemy as sa
from alembic import op

revision = "9000_broken"
down_revision = {head!r}
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))
    op.execute("UPDATE tickets SET status = 'broken'")
    raise RuntimeError("disk full, power cut, bug: anything")


def downgrade() -> None:
    pass
'''


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.fixture
def broken_migrations(tmp_path):
    """A copy of the real migrations with one more revision on top that fails (the real tree is untouched)."""
    from kiosk import db

    copy = tmp_path / "migrations"
    shutil.copytree(db.MIGRATIONS_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    head = sorted(db._quick_heads())[0]
    (copy / "versions" / "9000_broken.py").write_text(BROKEN_MIGRATION.format(head=head), encoding="utf-8")
    return copy


def test_a_failed_upgrade_keeps_the_old_database_and_says_where_the_copy_is(store, clock, broken_migrations,
                                                                            monkeypatch):
    from kiosk import db, tickets
    from kiosk.errors import KioskError

    with store.transaction() as s:
        tickets.issue_ticket(s, "KTP", now=clock.now())
    path = store.path
    store.close()
    before = _dump(path)

    monkeypatch.setattr(db, "MIGRATIONS_DIR", broken_migrations)  # the "new version" of the program
    with pytest.raises(KioskError) as failure:
        db.open_store(path)
    message = str(failure.value)
    assert "upgrade failed" in message and "disk full" in message

    backups = list(path.parent.glob("*.pre-migration-*.sqlite3"))
    assert len(backups) == 1 and str(backups[0]) in message  # the user is told where the copy is
    assert _dump(backups[0]) == before
    # The database itself is as it was: no half-applied migration, the ticket untouched, still on 0001.
    monkeypatch.undo()
    assert _dump(path) == before
    reopened = db.open_store(path)
    try:
        assert db.schema_status(reopened)["current"] == db.schema_status(reopened)["heads"]
    finally:
        reopened.close()


def test_the_cli_reports_a_failed_upgrade_in_one_message(cli_site, broken_migrations, monkeypatch, capsys):
    from kiosk import cli, db

    before = _dump(cli_site / "kiosk.sqlite3")
    monkeypatch.setattr(db, "MIGRATIONS_DIR", broken_migrations)
    assert cli.main(["--data-dir", str(cli_site), "doctor"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("kiosk: database upgrade failed") and "pre-migration" in err
    assert "Traceback" not in err
    assert _dump(cli_site / "kiosk.sqlite3") == before


# --- the built artifacts (slow) --------------------------------------------------------------------------

def _need(tool: str, how: str) -> None:
    if shutil.which(tool) is None:
        message = f"{tool} is not installed ({how})"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


def _newest_source_mtime() -> float:
    paths = [ROOT / "pyproject.toml"]
    for folder in ("kiosk", "resources", "installer"):
        paths += [p for p in (ROOT / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    return max(p.stat().st_mtime for p in paths)


@pytest.fixture(scope="module")
def built() -> dict:
    """dist/ from `make dist`, rebuilt here when missing or stale."""
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        if IN_CI:
            pytest.fail("PyInstaller is not installed (pip install -e '.[dev]')")
        pytest.skip("PyInstaller is not installed (pip install -e '.[dev]')")
    _need("makensis", "apt-get install nsis")
    _need("dpkg-deb", "apt-get install dpkg")
    _need("objdump", "apt-get install binutils")
    fresh = REPORT.exists() and REPORT.stat().st_mtime > _newest_source_mtime()
    report = json.loads(REPORT.read_text()) if fresh else {}
    if not fresh or "deb" not in report.get("artifacts", {}):
        result = subprocess.run([sys.executable, str(ROOT / "installer" / "build.py")], cwd=ROOT,
                                capture_output=True, text=True, timeout=1200)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        report = json.loads(REPORT.read_text())
    return report


def _isolation_available() -> bool:
    if shutil.which("unshare") is None or shutil.which("mount") is None:
        return False
    probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount -t tmpfs tmpfs /mnt"], capture_output=True)
    return probe.returncode == 0


ISOLATED = _isolation_available()


def _python_dirs() -> list[str]:
    """Every Python installation on this machine, and the source tree: a PC in the field has none."""
    candidates = {sys.prefix, sys.base_prefix, str(ROOT), "/usr/lib/python3", "/usr/local/lib/python3"}
    candidates |= {str(p) for base in ("/usr/lib", "/usr/local/lib") for p in Path(base).glob("python3*")}
    found = sorted(c for c in candidates if Path(c).is_dir())
    return [c for c in found if not any(c.startswith(other + "/") for other in found)]  # outermost only


def field_run(tmp_path: Path, script: str, *, mounts: str = "", env_extra: dict | None = None,
              timeout: float = 120) -> subprocess.CompletedProcess:
    """Run a shell script as on a field PC: clean env, cwd outside the tree, Python and sources hidden."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
           "QT_QPA_PLATFORM": "offscreen", "KIOSK_OPERATOR": "teknisi", **(env_extra or {})}
    if ISOLATED:
        bundle = tmp_path / "bundle"
        bundle.mkdir(exist_ok=True)
        hide = "\n".join(f"mount -t tmpfs tmpfs '{d}'" for d in _python_dirs())
        script = (f"set -e\nmount --bind '{BUNDLE}' '{bundle}'\n{mounts}\n{hide}\nset +e\n"
                  f"BUNDLE='{bundle}'\n{script}")
        cmd = ["unshare", "-m", "sh", "-c", script]
    else:
        cmd = ["sh", "-c", f"BUNDLE='{BUNDLE}'\n{script}"]
    return subprocess.run(cmd, cwd=home, env=env, capture_output=True, text=True, timeout=timeout)


def _has_command(tmp_path, *words: str) -> bool:
    result = field_run(tmp_path, f'"$BUNDLE/kiosk-cli" {" ".join(words[:-1])} --help')
    return result.returncode == 0 and words[-1] in result.stdout


@pytest.mark.slow
@pytest.mark.timeout(1500)
def test_the_bundle_runs_without_python_and_migrates_a_new_data_dir(built, tmp_path):
    data = tmp_path / "data"
    python_check = ('python3 -c "import sys" >/dev/null 2>&1 && echo PYTHON-STILL-THERE || echo NO-PYTHON\n'
                    if ISOLATED else "")
    result = field_run(tmp_path, python_check + f"""
"$BUNDLE/kiosk-cli" --version || exit 11
"$BUNDLE/kiosk-cli" init --site {SITE} || exit 12
start=$(date +%s%N)
"$BUNDLE/kiosk-cli" doctor --json > doctor.json || exit 13
end=$(date +%s%N)
echo "doctor_ms=$(( (end - start) / 1000000 ))"
"$BUNDLE/kiosk-cli" services --json > services.json || exit 14
""", env_extra={"KIOSK_DATA_DIR": str(data)})
    assert result.returncode == 0, result.stdout + result.stderr
    if ISOLATED:
        assert "NO-PYTHON" in result.stdout
    home = tmp_path / "home"
    doctor = json.loads((home / "doctor.json").read_text())
    assert doctor["ok"] is True, doctor["problems"]
    assert doctor["site"] == SITE and doctor["integrity_check"] == "ok"
    assert doctor["schema"]["current"] == doctor["schema"]["head"] != []  # migrations ran from the bundle
    services = json.loads((home / "services.json").read_text())
    assert {s["code"] for s in services} >= {"KTP", "KK"}  # mpp/data/catalog.toml travelled too
    doctor_ms = int(result.stdout.split("doctor_ms=")[1].split()[0])
    _record(doctor_wall_ms=doctor_ms, isolated=ISOLATED)


@pytest.mark.slow
@pytest.mark.timeout(1500)
def test_the_bundle_self_test_starts_the_ui(built, tmp_path):
    if not _has_command(tmp_path, "run", "--self-test"):
        pytest.skip("`kiosk run --self-test` is not in this build yet (kiosk/ui)")
    data = tmp_path / "data"
    result = field_run(tmp_path, f"""
"$BUNDLE/kiosk-cli" init --site {SITE} >/dev/null || exit 12
start=$(date +%s%N)
"$BUNDLE/kiosk" run --self-test > self-test.json; rc=$?
end=$(date +%s%N)
echo "wall_ms=$(( (end - start) / 1000000 ))"
exit $rc
""", env_extra={"KIOSK_DATA_DIR": str(data)})
    assert result.returncode == 0, result.stdout + result.stderr
    figures = json.loads((tmp_path / "home" / "self-test.json").read_text())
    _record(self_test_startup_ms=figures["startup_ms"],
            self_test_wall_ms=int(result.stdout.split("wall_ms=")[1].split()[0]))


@pytest.mark.slow
@pytest.mark.timeout(1500)
def test_scripted_setup_works_from_the_bundle(built, tmp_path):
    if not _has_command(tmp_path, "setup", "--non-interactive"):
        pytest.skip("`kiosk setup --non-interactive` is not in this build yet (kiosk/ui)")
    data = tmp_path / "data"
    result = field_run(tmp_path, f"""
"$BUNDLE/kiosk-cli" setup --non-interactive --site {SITE} --role kiosk --printer dummy:// || exit 12
"$BUNDLE/kiosk-cli" config get ui.role
""", env_extra={"KIOSK_DATA_DIR": str(data)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "kiosk" in result.stdout.splitlines()[-1]


@pytest.mark.slow
@pytest.mark.timeout(1500)
def test_the_bundle_prints_escpos_with_its_own_capability_data(built, tmp_path):
    assert (BUNDLE / "_internal" / "escpos" / "capabilities.json").is_file()
    data, out = tmp_path / "data", tmp_path / "printer.bin"
    result = field_run(tmp_path, f"""
"$BUNDLE/kiosk-cli" init --site {SITE} >/dev/null || exit 12
"$BUNDLE/kiosk-cli" config set printer 'escpos+file://{out}' >/dev/null || exit 13
"$BUNDLE/kiosk-cli" counter set 1 --services KTP >/dev/null || exit 14
"$BUNDLE/kiosk-cli" ticket issue KTP --print --json
""", env_extra={"KIOSK_DATA_DIR": str(data)})
    assert result.returncode == 0, result.stdout + result.stderr
    job = json.loads(result.stdout)["print"]
    if job["state"] == "unavailable":
        pytest.skip(f"printing is not in this build yet ({job.get('error')})")
    assert job["state"] == "done", job
    assert out.stat().st_size > 100 and b"A-001" in out.read_bytes()


@pytest.mark.slow
@pytest.mark.timeout(1500)
def test_the_bundle_speaks_indonesian_with_its_own_engine_and_audio_library(built, tmp_path):
    voice = BUNDLE / "_internal" / "espeakng_loader"
    assert (voice / "espeak-ng-data" / "id_dict").is_file() and (voice / "espeak-ng-data" / "phondata").is_file()
    assert not (voice / "espeak-ng-data" / "en_dict").exists()  # only the Indonesian part of the data
    assert sum(p.stat().st_size for p in voice.rglob("*") if p.is_file()) < 3_000_000
    data, out = tmp_path / "data", tmp_path / "a025.wav"
    result = field_run(tmp_path, f"""
"$BUNDLE/kiosk-cli" voice say --ticket A-025 --counter 2 --out '{out}' --json > say.json || exit 12
KIOSK_VOICE_OUTPUT=null "$BUNDLE/kiosk-cli" voice test --json || exit 13
""", env_extra={"KIOSK_DATA_DIR": str(data)})
    assert result.returncode == 0, result.stdout + result.stderr
    said = json.loads((tmp_path / "home" / "say.json").read_text())
    assert said["text"] == "Nomor antrian A dua puluh lima, silakan menuju loket dua."
    assert said["engine"].startswith("espeak-ng") and said["seconds"] > 4
    assert out.stat().st_size == said["bytes"] > 100_000
    assert json.loads(result.stdout)["backend"] == "Null"


DEB_MUST_HAVE = [
    "./opt/mini-mpp-kiosk/kiosk", "./opt/mini-mpp-kiosk/kiosk-cli", "./opt/mini-mpp-kiosk/README.md",
    "./opt/mini-mpp-kiosk/_internal/mpp/data/catalog.toml",
    "./opt/mini-mpp-kiosk/_internal/kiosk/migrations/env.py",
    "./opt/mini-mpp-kiosk/_internal/escpos/capabilities.json",
    "./opt/mini-mpp-kiosk/_internal/espeakng_loader/libespeak-ng.so",
    "./opt/mini-mpp-kiosk/_internal/espeakng_loader/espeak-ng-data/lang/poz/id",
    "./opt/mini-mpp-kiosk/_internal/resources/licenses/eSpeak-NG.txt",
    "./opt/mini-mpp-kiosk/tools/kiosk-mode", "./opt/mini-mpp-kiosk/tools/diagnostics",
    "./usr/bin/kiosk", "./usr/bin/kiosk-cli",
    "./usr/share/applications/mini-mpp-kiosk.desktop", "./usr/share/applications/mini-mpp-kiosk-setup.desktop",
    "./usr/share/applications/mini-mpp-kiosk-diagnostics.desktop",
    "./usr/share/icons/hicolor/256x256/apps/mini-mpp-kiosk.png",
    "./lib/udev/rules.d/99-escpos.rules", "./lib/systemd/system/mini-mpp-kiosk.service",
    "./lib/systemd/system/mini-mpp-hub.service",
    "./etc/default/mini-mpp-kiosk", "./etc/pam.d/mini-mpp-kiosk",
]
# The site hub's own server (starlette on uvicorn) is in the bundle; central's (FastAPI, psycopg) is not.
DEB_MUST_NOT_HAVE = ["QtWebEngine", "Qt3D", "QtQuick", "QtQml", "libqgtk3", "libgtk-3", "tkinter", "fastapi",
                     "psycopg", "pytest", "/central/", "__pycache__"]


def _deb(built) -> Path:
    return Path(built["artifacts"]["deb"]["path"])


@pytest.mark.slow
@pytest.mark.timeout(1500)
def test_deb_contents_and_control(built):
    deb = _deb(built)
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True).stdout
    names = {line.split()[5] for line in listing.splitlines()}
    missing = [name for name in DEB_MUST_HAVE if name not in names]
    assert not missing, missing
    unwanted = sorted({bad for bad in DEB_MUST_NOT_HAVE for name in names if bad in name})
    assert not unwanted, unwanted
    versions = [n for n in names if n.startswith("./opt/mini-mpp-kiosk/_internal/kiosk/migrations/versions/")]
    assert [n for n in versions if n.endswith(".py")], "no migration files in the package"
    for line in listing.splitlines():  # root-owned, launchers executable
        assert " root/root " in line, line
        if line.endswith(("./usr/bin/kiosk", "./usr/bin/kiosk-cli", "/tools/kiosk-mode")):
            assert line.startswith("-rwxr-xr-x"), line

    def field(name):
        return subprocess.run(["dpkg-deb", "-f", str(deb), name], capture_output=True, text=True,
                              check=True).stdout.strip()

    assert field("Package") == "mini-mpp-kiosk"
    depends = field("Depends")
    # The rest of Depends is computed from the bundle's ELF files (build.py: SONAME_PACKAGES).
    for package in ("libc6 (>= 2.", "libegl1", "libwayland-client0", "libusb-1.0-0", "adduser"):
        assert package in depends
    assert "cage" in field("Recommends")
    control = Path(subprocess.run(["mktemp", "-d"], capture_output=True, text=True).stdout.strip())
    try:
        subprocess.run(["dpkg-deb", "-e", str(deb), str(control)], check=True)
        assert set((control / "conffiles").read_text().split()) == {
            "/etc/default/mini-mpp-kiosk", "/etc/pam.d/mini-mpp-kiosk"}
        for script in ("postinst", "prerm", "postrm"):
            assert os.access(control / script, os.X_OK)
            subprocess.run(["sh", "-n", str(control / script)], check=True)
    finally:
        shutil.rmtree(control)


@pytest.fixture(scope="module")
def deb_root(built, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("debroot")
    subprocess.run(["dpkg-deb", "-x", str(_deb(built)), str(root)], check=True)
    return root


KIOSK_UID = 64999  # the package's system user, made up inside the test's mount namespace only


@pytest.mark.slow
@pytest.mark.timeout(1500)
def test_sudo_kiosk_cli_runs_as_the_kiosk_user_on_its_data_dir(deb_root, tmp_path):
    """As installed: `sudo kiosk-cli` becomes user kiosk and uses /etc/default's data dir."""
    if not ISOLATED:
        pytest.skip("needs a private mount namespace (unshare -m) to lay the package over /opt, /etc, /var")
    etc = tmp_path / "etc"
    etc.mkdir()
    passwd, group = Path("/etc/passwd").read_text(), Path("/etc/group").read_text()
    existing = [line.split(":") for line in passwd.splitlines() if line.startswith("kiosk:")]
    uid = int(existing[0][2]) if existing else KIOSK_UID  # the package may really be installed here
    if not existing:
        passwd += f"kiosk:x:{uid}:{uid}::/var/lib/mini-mpp-kiosk:/usr/sbin/nologin\n"
        group += f"kiosk:x:{uid}:\n"
    (etc / "passwd").write_text(passwd)
    (etc / "group").write_text(group)
    mounts = f"""
mount --bind '{etc}/passwd' /etc/passwd && mount --bind '{etc}/group' /etc/group
mount -t tmpfs tmpfs /opt && mkdir /opt/mini-mpp-kiosk && mount --bind '{deb_root}/opt/mini-mpp-kiosk' /opt/mini-mpp-kiosk
# /usr/bin/kiosk-cli of the package, where user kiosk can reach it (pytest's temp dirs are 0700)
mkdir /opt/bin && cp '{deb_root}/usr/bin/kiosk-cli' /opt/bin/
mount -t tmpfs tmpfs /etc/default && cp '{deb_root}/etc/default/mini-mpp-kiosk' /etc/default/
mount -t tmpfs tmpfs /var/lib && mkdir /var/lib/mini-mpp-kiosk
install -d -o kiosk -g kiosk -m 0700 /var/lib/mini-mpp-kiosk/data && chmod 0700 /var/lib/mini-mpp-kiosk
chown kiosk:kiosk /var/lib/mini-mpp-kiosk
"""
    for tool in ("kiosk-mode", "diagnostics"):
        subprocess.run(["sh", "-n", str(deb_root / "opt/mini-mpp-kiosk/tools" / tool)], check=True)
    result = field_run(tmp_path, f"""
cd /var/lib/mini-mpp-kiosk
/opt/bin/kiosk-cli init --site {SITE} || exit 12
/opt/bin/kiosk-cli doctor --json > doctor.json || exit 13
cat doctor.json
stat -c 'owner=%u' /var/lib/mini-mpp-kiosk/data/kiosk.sqlite3
""", mounts=mounts)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout[result.stdout.index("{"):result.stdout.rindex("}") + 1])
    assert report["data_dir"] == "/var/lib/mini-mpp-kiosk/data" and report["ok"] is True
    assert f"owner={uid}" in result.stdout  # not root: the service can still write it


@pytest.mark.slow
@pytest.mark.timeout(1500)
def test_the_systemd_units_verify(deb_root, tmp_path):
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed (apt-get install systemd)")
    root = tmp_path / "root"
    shutil.copytree(deb_root, root, symlinks=True)
    # systemd's own units (sysinit.target, ...) so the dependencies resolve inside --root.
    for units in ("/lib/systemd/system", "/usr/lib/systemd/system"):
        if Path(units).is_dir() and not Path(units).is_symlink():
            shutil.copytree(units, root / units.lstrip("/"), symlinks=True, dirs_exist_ok=True)
    # verify checks that ExecStart's program exists under --root. cage comes from its own Debian package
    # (a Recommends): the real one when this machine has it, else a placeholder stands in.
    cage = root / "usr/bin/cage"
    if Path("/usr/bin/cage").exists():
        shutil.copy2("/usr/bin/cage", cage)
    else:
        cage.write_text("#!/bin/sh\nexit 0\n")
        cage.chmod(0o755)
    for unit in ("mini-mpp-kiosk.service", "mini-mpp-hub.service"):
        result = subprocess.run(["systemd-analyze", "verify", "--man=no", f"--root={root}", unit],
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stdout + result.stderr
        assert unit not in result.stderr, result.stderr  # no warning about our unit


@pytest.mark.slow
@pytest.mark.timeout(1500)
def test_the_nsis_script_compiled_against_the_bundle(built):
    # build.py ran makensis -WX (a warning is an error) with the Linux bundle as stand-in payload.
    assert "nsis_standin_check" in built["artifacts"] or "windows_installer" in built["artifacts"]
    _record(bundle_bytes=built["artifacts"]["bundle"]["bytes"], deb_bytes=built["artifacts"]["deb"]["bytes"],
            build_seconds=built["seconds"])


def _record(**figures) -> None:
    """Figures for the release note: dist/test-figures.json."""
    path = DIST / "test-figures.json"
    current = json.loads(path.read_text()) if path.exists() else {}
    current.update(figures, measured_at=time.strftime("%Y-%m-%d %H:%M:%S"))
    path.write_text(json.dumps(current, indent=1) + "\n")


@pytest.mark.slow
@pytest.mark.timeout(1500)
def test_the_bundle_serves_the_site_hub_and_its_tv_page(built, tmp_path):
    from tests.synctools import free_port

    data, port, display = tmp_path / "data", free_port(), free_port()
    result = field_run(tmp_path, f"""
"$BUNDLE/kiosk-cli" init --site {SITE} >/dev/null || exit 12
"$BUNDLE/kiosk-cli" counter set 1 --services KTP >/dev/null || exit 13
"$BUNDLE/kiosk-cli" hub serve --host 127.0.0.1 --port {port} --display-port {display} 2>"$HOME/hub.log" &
hub=$!
for i in $(seq 1 100); do
    curl -sk "https://127.0.0.1:{port}/hub/hello" >"$HOME/hello.json" 2>/dev/null && break
    sleep 0.2
done
curl -s -o /dev/null -w "%{{http_code}}" "http://127.0.0.1:{display}/display" >"$HOME/display.code"
kill $hub; wait $hub
cat "$HOME/hello.json"; echo; cat "$HOME/display.code"; echo; cat "$HOME/hub.log"
""", env_extra={"KIOSK_DATA_DIR": str(data)}, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    hello = json.loads(result.stdout.splitlines()[0])
    assert hello["role"] == "hub" and hello["site"] == SITE, result.stdout
    assert result.stdout.splitlines()[1] == "200", result.stdout  # the TV page
