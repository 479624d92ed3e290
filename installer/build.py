#!/usr/bin/env python3
"""Build Mini MPP Kiosk for the field: everything lands in dist/.

    python installer/build.py            # Linux: bundle + .deb + NSIS script compiled against the bundle
                                         # Windows: bundle + the real NSIS installer (setup.exe)
    python installer/build.py --bundle-only

On Linux the NSIS script is compiled with the Linux bundle as a stand-in payload (into build/, never
shipped) so a broken kiosk.nsi fails every build, not the day someone builds on Windows.
Reproducible: SOURCE_DATE_EPOCH (set it to the last commit's time) fixes every timestamp we control,
PYTHONHASHSEED is fixed, file lists are sorted. A JSON report (sizes, seconds) is printed and kept in
dist/build-report.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "installer"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "installer"
NAME = "mini-mpp-kiosk"
WINDOWS = sys.platform == "win32"
EXE = ".exe" if WINDOWS else ""
BUNDLE = DIST / NAME


class BuildError(Exception):
    pass


def log(message: str) -> None:
    print(f"[build] {message}", flush=True)


def run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    log("$ " + " ".join(str(c) for c in cmd))
    try:
        return subprocess.run([str(c) for c in cmd], check=True, **kw)
    except FileNotFoundError:
        raise BuildError(f"{cmd[0]} not found") from None
    except subprocess.CalledProcessError as exc:
        raise BuildError(f"{Path(str(cmd[0])).name} failed with exit code {exc.returncode}") from None


def version() -> str:
    text = (ROOT / "kiosk" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__\s*=\s*["\']([^"\']+)["\']', text, re.M).group(1)


def numeric_version(ver: str) -> str:
    """Windows VERSIONINFO wants four numbers: 0.1.0 -> 0.1.0.0, 1.2.0rc1 -> 1.2.0.0."""
    numbers = [int(n) for n in re.findall(r"\d+", ver.split("+")[0])[:3]]
    return ".".join(str(n) for n in (numbers + [0, 0, 0, 0])[:4])


def source_date_epoch() -> int:
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    return int((ROOT / "pyproject.toml").stat().st_mtime)


def tree_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


# --- icon ----------------------------------------------------------------------------------------------

def make_icon(out: Path) -> tuple[Path, Path]:
    """The app icon as PNG (Linux) and ICO (Windows). resources/ui/icons/app.png wins if the UI has one."""
    from PIL import Image, ImageDraw, ImageFont

    out.mkdir(parents=True, exist_ok=True)
    png, ico = out / "mini-mpp-kiosk.png", out / "mini-mpp-kiosk.ico"
    supplied = ROOT / "resources" / "ui" / "icons" / "app.png"
    if supplied.exists():
        image = Image.open(supplied).convert("RGBA").resize((256, 256), Image.LANCZOS)
    else:
        image = Image.new("RGBA", (256, 256), (0, 0, 0, 0))
        draw = ImageDraw.Draw(image)
        draw.rounded_rectangle((8, 8, 248, 248), radius=44, fill=(13, 71, 161, 255))
        draw.rounded_rectangle((40, 176, 216, 196), radius=8, fill=(255, 193, 7, 255))
        font_file = ROOT / "resources" / "ui" / "fonts" / "NotoSans-Bold.ttf"
        try:
            font = ImageFont.truetype(str(font_file), 84)
        except OSError:
            font = ImageFont.load_default()
        draw.text((128, 112), "MPP", font=font, fill=(255, 255, 255, 255), anchor="mm")
    image.save(png, optimize=False)
    image.save(ico, sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    return png, ico


# --- the PyInstaller bundle ----------------------------------------------------------------------------

def build_bundle(env: dict, icon: Path) -> None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise BuildError("PyInstaller is not installed: pip install pyinstaller (dev extra)") from None
    shutil.rmtree(BUNDLE, ignore_errors=True)
    run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", DIST, "--workpath", WORK / "pyinstaller", INSTALLER / "kiosk.spec"],
        env={**env, "KIOSK_BUNDLE_ICON": str(icon)}, cwd=ROOT)
    for link in [p for p in BUNDLE.rglob("*") if p.is_symlink() and not p.exists()]:
        link.unlink()  # aliases PyInstaller made for the Qt libraries the spec dropped
    for exe in ("kiosk", "kiosk-cli"):
        if not (BUNDLE / f"{exe}{EXE}").is_file():
            raise BuildError(f"the bundle has no {exe}{EXE}")
    migrations = BUNDLE / "_internal" / "kiosk" / "migrations"
    if not (migrations / "env.py").is_file() or not list((migrations / "versions").glob("*.py")):
        raise BuildError(f"migrations missing from the bundle ({migrations})")


# --- Linux: shared-library dependencies of the bundle -> Debian package names -----------------------

# Libraries the bundle expects from the system (PyInstaller does not copy the C library, GL, X/Wayland
# client libraries). A library missing here fails the build: decide its package, then add it.
SONAME_PACKAGES = {
    "libc.so.6": "libc6", "libm.so.6": "libc6", "libdl.so.2": "libc6", "libpthread.so.0": "libc6",
    "libresolv.so.2": "libc6", "librt.so.1": "libc6", "libutil.so.1": "libc6",
    "ld-linux-x86-64.so.2": "libc6", "ld-linux-aarch64.so.1": "libc6",
    "libEGL.so.1": "libegl1", "libGL.so.1": "libgl1", "libGLX.so.0": "libglx0",
    "libGLdispatch.so.0": "libglvnd0", "libOpenGL.so.0": "libopengl0", "libdrm.so.2": "libdrm2",
    "libgbm.so.1": "libgbm1",
    "libwayland-client.so.0": "libwayland-client0", "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
    "libxcb.so.1": "libxcb1", "libxcb-icccm.so.4": "libxcb-icccm4", "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0", "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0", "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1", "libxcb-sync.so.1": "libxcb-sync1", "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-render.so.0": "libxcb-render0", "libxcb-glx.so.0": "libxcb-glx0", "libxcb-util.so.1": "libxcb-util1",
    "libX11.so.6": "libx11-6", "libX11-xcb.so.1": "libx11-xcb1", "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0", "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6", "libdbus-1.so.3": "libdbus-1-3", "libglib-2.0.so.0": "libglib2.0-0",
}
# Not linked but loaded at run time: libusb by pyusb (escpos+usb://), fonts for receipts and screens,
# ALSA by miniaudio for the TV's voice (PulseAudio/PipeWire, when there, go through it or their own client).
EXTRA_DEPENDS = ["adduser", "libusb-1.0-0", "fontconfig", "libasound2t64 | libasound2"]


def elf_needed(path: Path) -> list[str] | None:
    """DT_NEEDED of an ELF file, or None if it is not one (read with objdump, which PyInstaller needs)."""
    with open(path, "rb") as fh:
        if fh.read(4) != b"\x7fELF":
            return None
    out = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True, check=True).stdout
    return re.findall(r"^\s+NEEDED\s+(\S+)", out, re.M)


def external_libraries(bundle: Path) -> dict[str, list[str]]:
    """Sonames the bundle needs that it does not carry -> which of its files need them."""
    files = [p for p in sorted(bundle.rglob("*")) if p.is_file() and not p.is_symlink()]
    inside = {p.name for p in bundle.rglob("*")}
    wanted: dict[str, list[str]] = {}
    for path in files:
        needed = elf_needed(path)
        for soname in needed or ():
            if soname not in inside:
                wanted.setdefault(soname, []).append(str(path.relative_to(bundle)))
    return wanted


def deb_depends(bundle: Path) -> list[str]:
    wanted = external_libraries(bundle)
    unknown = {so: users[:3] for so, users in wanted.items() if so not in SONAME_PACKAGES}
    if unknown:
        raise BuildError("the bundle needs system libraries with no Debian package in SONAME_PACKAGES "
                         f"(installer/build.py): {json.dumps(unknown, indent=1)}")
    glibc = os.confstr("CS_GNU_LIBC_VERSION").split()[-1]  # built against this glibc: needs it or newer
    packages = {SONAME_PACKAGES[so] for so in wanted} | set(EXTRA_DEPENDS)
    return sorted(f"libc6 (>= {glibc})" if p == "libc6" else p for p in packages)


# --- Linux: the .deb -----------------------------------------------------------------------------------

def deb_arch() -> str:
    try:
        return subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return {"x86_64": "amd64", "aarch64": "arm64"}.get(os.uname().machine, os.uname().machine)


def put(src: Path | str, dest: Path, mode: int = 0o644, subst: dict | None = None) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    if subst is None:
        shutil.copyfile(src, dest)
    else:
        text = Path(src).read_text(encoding="utf-8")
        for key, value in subst.items():
            text = text.replace(f"@{key}@", value)
        dest.write_text(text, encoding="utf-8")
    dest.chmod(mode)


def normalise_modes(root: Path) -> None:
    """0755 for dirs and executables, 0644 for the rest, whatever the build machine's umask was."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            path.chmod(0o755 if path.stat().st_mode & stat.S_IXUSR else 0o644)


def build_deb(ver: str, icon_png: Path, env: dict) -> Path:
    linux = INSTALLER / "linux"
    stage = WORK / "deb"
    shutil.rmtree(stage, ignore_errors=True)
    root = stage / "root"
    opt = root / "opt" / NAME
    shutil.copytree(BUNDLE, opt, symlinks=True)
    if (opt / "kiosk").read_bytes() == (opt / "kiosk-cli").read_bytes():
        # On Linux the windowed and console programs are the same file: ship it once (12 MB).
        (opt / "kiosk-cli").unlink()
        (opt / "kiosk-cli").symlink_to("kiosk")
    put(INSTALLER / "README.md", opt / "README.md")
    for tool in ("kiosk-mode", "diagnostics"):
        put(linux / tool, opt / "tools" / tool, 0o755)
    put(linux / "mini-mpp-kiosk-autostart.desktop", opt / "tools" / "mini-mpp-kiosk-autostart.desktop")
    for exe in ("kiosk", "kiosk-cli"):
        put(linux / "launcher.sh.in", root / "usr" / "bin" / exe, 0o755, {"NAME": exe})
    for entry in ("mini-mpp-kiosk", "mini-mpp-kiosk-setup", "mini-mpp-kiosk-diagnostics"):
        put(linux / f"{entry}.desktop", root / "usr" / "share" / "applications" / f"{entry}.desktop")
    put(icon_png, root / "usr" / "share" / "icons" / "hicolor" / "256x256" / "apps" / f"{NAME}.png")
    put(linux / "99-escpos.rules", root / "lib" / "udev" / "rules.d" / "99-escpos.rules")
    for unit in ("mini-mpp-kiosk.service", "mini-mpp-hub.service"):
        put(linux / unit, root / "lib" / "systemd" / "system" / unit)
    put(linux / "default", root / "etc" / "default" / NAME)
    put(linux / "pam-mini-mpp-kiosk", root / "etc" / "pam.d" / NAME)
    doc = root / "usr" / "share" / "doc" / NAME
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(
        "Mini MPP Kiosk — MIT License. Bundled third-party components (Python, Qt/PySide6 under LGPLv3,\n"
        "SQLAlchemy, Alembic, python-escpos, reportlab, Pillow, ...) keep their own licenses; their\n"
        "license files are inside /opt/mini-mpp-kiosk/_internal.\n", encoding="utf-8")
    normalise_modes(root)

    debian = root / "DEBIAN"
    debian.mkdir()
    arch = deb_arch()
    installed_kib = (tree_bytes(root) + 1023) // 1024
    put(linux / "control.in", debian / "control", 0o644, {
        "VERSION": ver, "ARCH": arch, "INSTALLED_SIZE": str(installed_kib),
        "DEPENDS": ", ".join(deb_depends(BUNDLE)),
    })
    for script in ("postinst", "prerm", "postrm"):
        put(linux / script, debian / script, 0o755)
    (debian / "conffiles").write_text(f"/etc/default/{NAME}\n/etc/pam.d/{NAME}\n", encoding="utf-8")
    sums = []
    for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink()):
        rel = path.relative_to(root).as_posix()
        if not rel.startswith("DEBIAN/"):
            sums.append(f"{hashlib.md5(path.read_bytes()).hexdigest()}  {rel}\n")
    (debian / "md5sums").write_text("".join(sums), encoding="utf-8")
    for path in debian.iterdir():
        if path.name not in ("postinst", "prerm", "postrm"):
            path.chmod(0o644)

    out = DIST / f"{NAME}_{ver}_{arch}.deb"
    out.unlink(missing_ok=True)
    run(["dpkg-deb", "--root-owner-group", "-Zxz", f"--threads-max={os.cpu_count() or 1}", "--build", root, out], env=env,
        stdout=subprocess.DEVNULL)
    return out


# --- Windows installer (NSIS) --------------------------------------------------------------------------

def makensis() -> str:
    found = shutil.which("makensis")
    if not found and WINDOWS:
        for base in (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles")):
            candidate = Path(base or "") / "NSIS" / "makensis.exe"
            if base and candidate.exists():
                found = str(candidate)
                break
    if not found:
        raise BuildError("makensis not found: apt-get install nsis (Linux) / choco install nsis (Windows)")
    return found


def build_nsis(ver: str, icon_ico: Path, env: dict) -> Path:
    """Windows: the real installer in dist/. Linux: a stand-in compile into build/ (checks the script)."""
    if WINDOWS:
        out, extra = DIST / f"{NAME}-{ver}-setup.exe", []
    else:
        out, extra = WORK / "nsis-check" / f"{NAME}-{ver}-setup-STANDIN.exe", ["-DSTANDIN"]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.unlink(missing_ok=True)
    defines = {"VERSION": ver, "VERSION4": numeric_version(ver), "BUNDLE_DIR": str(BUNDLE),
               "OUTFILE": str(out), "ICON": str(icon_ico), "README": str(INSTALLER / "README.md"),
               "TOOLS_DIR": str(INSTALLER / "windows")}
    # "-" switches work on every platform ("/" only on Windows); -WX: a warning fails the build.
    cmd = [makensis(), "-V2", "-WX"] + [f"-D{k}={v}" for k, v in defines.items()] + extra
    cmd += [INSTALLER / "windows" / "kiosk.nsi"]
    run(cmd, env=env)
    if not out.is_file():
        raise BuildError(f"makensis wrote no {out}")
    return out


# --- main ----------------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundle-only", action="store_true", help="only the PyInstaller bundle")
    parser.add_argument("--no-nsis", action="store_true", help="skip the NSIS script")
    parser.add_argument("--no-deb", action="store_true", help="skip the Debian package (Linux)")
    args = parser.parse_args(argv)

    started = time.monotonic()
    ver = version()
    epoch = source_date_epoch()
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "PYTHONHASHSEED": "0", "TZ": "UTC", "LC_ALL": "C.UTF-8"}
    if WINDOWS:
        env.pop("LC_ALL")
    DIST.mkdir(exist_ok=True)
    WORK.mkdir(parents=True, exist_ok=True)
    (DIST / "build-report.json").unlink(missing_ok=True)  # present only after a complete build
    report: dict = {"version": ver, "platform": sys.platform, "source_date_epoch": epoch,
                    "python": sys.version.split()[0], "seconds": {}, "artifacts": {}}
    try:
        import PyInstaller
        import PySide6

        report["pyinstaller"], report["pyside6"] = PyInstaller.__version__, PySide6.__version__
    except ImportError:
        pass

    def step(name, fn, *a):
        t0 = time.monotonic()
        result = fn(*a)
        report["seconds"][name] = round(time.monotonic() - t0, 1)
        return result

    try:
        icon_png, icon_ico = make_icon(WORK / "icon")
        step("bundle", build_bundle, env, icon_ico if WINDOWS else icon_png)
        report["artifacts"]["bundle"] = {"path": str(BUNDLE), "bytes": tree_bytes(BUNDLE)}
        if not WINDOWS and not args.bundle_only and not args.no_deb:
            deb = step("deb", build_deb, ver, icon_png, env)
            report["artifacts"]["deb"] = {"path": str(deb), "bytes": deb.stat().st_size}
        if not args.bundle_only and not args.no_nsis:
            exe = step("nsis", build_nsis, ver, icon_ico, env)
            key = "windows_installer" if WINDOWS else "nsis_standin_check"
            report["artifacts"][key] = {"path": str(exe), "bytes": exe.stat().st_size}
            if not WINDOWS:
                exe.unlink()  # a Windows installer around a Linux payload: only the compile mattered
    except BuildError as exc:
        print(f"build.py: {exc}", file=sys.stderr)
        return 1
    report["seconds"]["total"] = round(time.monotonic() - started, 1)
    (DIST / "build-report.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
