"""Settings: `config.toml` in the data dir, overridden by KIOSK_* environment variables.

One typed object (`Settings`) is handed to whoever needs it; there are no module-level globals.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from kiosk.errors import InputError

APP_NAME = "mini-mpp-kiosk"
CONFIG_FILE = "config.toml"


def default_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(cli_value: str | os.PathLike | None = None) -> Path:
    """--data-dir, else KIOSK_DATA_DIR, else the platform's user data dir."""
    raw = cli_value or os.environ.get("KIOSK_DATA_DIR")
    return Path(raw).expanduser().resolve() if raw else default_data_dir()


# Folders of the data dir whose files are secret too: the hub's TLS key, copies of the store.
PRIVATE_FOLDERS = ("hub", "backups", "drafts")


def secure_data_dir(data_dir: Path) -> None:
    """The data dir 0700 and its files 0600 (the store holds citizens' data and this PC's secrets).

    Run at every start, so a data dir made by an older version, by hand, or under a loose umask is
    tightened. POSIX only: on Windows the installer's ACL (this account and administrators) does it."""
    if os.name != "posix":
        return
    import stat

    for folder in (data_dir, *(data_dir / name for name in PRIVATE_FOLDERS)):
        try:
            if stat.S_IMODE(folder.stat().st_mode) != 0o700:
                os.chmod(folder, 0o700)
            entries = list(os.scandir(folder))
        except OSError:  # missing, or not ours (a technician's sudo): the owner's start fixes it
            continue
        for entry in entries:
            try:
                if entry.is_file(follow_symlinks=False) and stat.S_IMODE(entry.stat().st_mode) & 0o077:
                    os.chmod(entry.path, 0o600)
            except OSError:
                continue


def _width(value: str) -> int:
    if str(value) not in ("58", "80"):
        raise InputError(f"lebar kertas harus 58 atau 80 (mm), bukan {value!r}")
    return int(value)


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise InputError(f"harus bilangan bulat: {value!r}") from None
    if number < 1:
        raise InputError(f"harus lebih dari 0: {value!r}")
    return number


def _port(value) -> int:
    number = _positive_int(str(value))
    if number > 65535:
        raise InputError(f"port harus 1..65535, bukan {value!r}")
    return number


def _port_or_off(value) -> int:
    try:
        number = int(str(value))
    except ValueError:
        number = -1
    if not 0 <= number <= 65535:
        raise InputError(f"port harus 0..65535 (0 = mati), bukan {value!r}")
    return number


def _choice(*allowed: str):
    def parse(value: str) -> str:
        if value not in allowed:
            raise InputError(f"pilihan yang sah: {', '.join(allowed)} (bukan {value!r})")
        return value

    return parse


def _text(limit: int):
    def parse(value) -> str:
        text = str(value)
        if len(text) > limit or any(ord(c) < 32 for c in text):
            raise InputError(f"teks harus satu baris, paling panjang {limit} karakter: {text[:40]!r}")
        return text

    return parse


def _int_range(low: int, high: int):
    def parse(value) -> int:
        if isinstance(value, bool) or isinstance(value, float):
            raise InputError(f"harus bilangan bulat {low}..{high}: {value!r}")
        try:
            number = int(str(value).strip())
        except (TypeError, ValueError):
            raise InputError(f"harus bilangan bulat {low}..{high}: {value!r}") from None
        if not low <= number <= high:
            raise InputError(f"harus {low}..{high}, bukan {number}")
        return number

    return parse


def _bool(value) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "1", "ya", "yes", "on"):
        return True
    if text in ("false", "0", "tidak", "no", "off"):
        return False
    raise InputError(f"harus true atau false (ya/tidak), bukan {value!r}")


def _quiet_hours(value) -> str:
    """"" (none) or "HH:MM-HH:MM" in site time; may wrap midnight ("21:00-07:00")."""
    text = str(value).strip().replace(" ", "")
    if not text:
        return ""
    try:
        start, end = text.split("-")
        parts = [tuple(int(x) for x in t.split(":")) for t in (start, end)]
    except ValueError:
        parts = []
    if len(parts) != 2 or any(len(p) != 2 or not (0 <= p[0] < 24 and 0 <= p[1] < 60) for p in parts) \
            or parts[0] == parts[1]:
        raise InputError(f"jam tenang harus JJ:MM-JJ:MM, mis. 12:00-13:00 (kosong = tidak ada), bukan {value!r}")
    return "-".join(f"{h:02d}:{m:02d}" for h, m in parts)


def server_url(value) -> str:
    """Central's address: https anywhere; plain http only to this PC or a private LAN address (10/8,
    172.16/12, 192.168/16), since the device's bearer secret would travel in clear. "" = none."""
    import ipaddress
    from urllib.parse import urlsplit

    text = str(value).strip().rstrip("/")
    if not text:
        return ""
    example = "contoh: https://mpp.kukarkab.go.id"
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
        _ = parts.port  # a bad port raises here
    except ValueError:
        raise InputError(f"alamat server tidak sah: {value!r} ({example})") from None
    if parts.scheme not in ("http", "https") or not host or any(c.isspace() for c in text):
        raise InputError(f"alamat server harus http(s)://nama-server[:port], bukan {value!r} ({example})")
    if parts.scheme == "http":
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            address = None
        private = [ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")]
        local = host == "localhost" or (address is not None and (
            address.is_loopback or any(address in net for net in private if address.version == 4)))
        if not local:
            raise InputError(f"http:// tanpa enkripsi hanya untuk PC ini atau alamat LAN (10.x, 172.16-31.x, "
                             f"192.168.x); gunakan https:// untuk {host} (the secret would travel in clear)")
    return text


def _printer_uri(value: str) -> str:
    # Parsed for real by kiosk.printing.printers; here only the scheme is checked, so config stays light.
    schemes = ("escpos+tcp", "escpos+usb", "escpos+serial", "escpos+file", "cups", "win32", "pdf", "dummy")
    scheme = value.split("://", 1)[0] if "://" in value else ""
    if scheme not in schemes:
        raise InputError(f"URI printer tidak dikenal: {value!r} (skema: {', '.join(schemes)})")
    return value


def _complaint_channel(value) -> str:
    """Where citizens complain (e.g. "WA Pengaduan 0812-3456-7890 · lapor.go.id"); printed on receipts."""
    text = " ".join(str(value or "").split())
    if len(text) > 120:
        raise InputError(f"saluran pengaduan paling panjang 120 huruf ({len(text)})")
    if "xxxx" in text.lower():
        raise InputError("isi nomor pengaduan yang sebenarnya, bukan contoh (xxxx)")
    return text


# dotted key -> (section, name, parser, default). `printer` is short for `printer.uri`.
KEYS: dict[str, tuple[str, str, object, object]] = {
    "printer.uri": ("printer", "uri", _printer_uri, ""),
    "printer.profile": ("printer", "profile", _text(64), "default"),
    "printer.width": ("printer", "width", _width, 80),
    "server.url": ("server", "url", server_url, ""),
    # The site's complaint channel printed on receipts; empty = the receipt prints none.
    "site.complaint_channel": ("site", "complaint_channel", _complaint_channel, ""),
    "sync.interval": ("sync", "interval", _int_range(5, 86400), 60),
    "queue.max_priority_in_row": ("queue", "max_priority_in_row", _int_range(1, 20), 2),
    "ui.language": ("ui", "language", _choice("id", "en"), "id"),
    "ui.role": ("ui", "role", _choice("kiosk", "counter", "display", "all"), "all"),
    "ui.counter": ("ui", "counter", _int_range(1, 99), 1),
    "ui.idle_timeout": ("ui", "idle_timeout", _int_range(10, 3600), 60),
    "hub.serve": ("hub", "serve", _bool, False),
    "hub.port": ("hub", "port", _port, 8710),
    # The TV's chime and announcement (kiosk.voice). `voice.speaker`: this PC speaks (when several
    # screens show the same site, only one should); `voice.max_age`: seconds after which a call that
    # could not be spoken yet is dropped rather than announced late.
    "voice.enabled": ("voice", "enabled", _bool, True),
    "voice.speaker": ("voice", "speaker", _bool, True),
    "voice.volume": ("voice", "volume", _int_range(0, 100), 100),
    "voice.speed": ("voice", "speed", _int_range(50, 200), 100),
    "voice.numbers": ("voice", "numbers", _choice("cardinal", "digits"), "cardinal"),
    "voice.chime": ("voice", "chime", _bool, True),
    "voice.service": ("voice", "service", _bool, False),
    "voice.quiet_hours": ("voice", "quiet_hours", _quiet_hours, ""),
    "voice.max_age": ("voice", "max_age", _int_range(5, 3600), 120),
    "voice.output": ("voice", "output", _choice("auto", "null"), "auto"),
    # The TV's web display (http://HUB:8711/display, plain HTTP, read-only) served by the hub; 0 = off.
    "hub.display_port": ("hub", "display_port", _port_or_off, 8711),
    # Personal data at this site (UU 27/2022, DESIGN.md §5): days after an application is closed and
    # synced before its NIK, phone and address are masked here; older backups in the data dir go too.
    "privacy.site_retention_days": ("privacy", "site_retention_days", _int_range(1, 3650), 30),
}
ALIASES = {"printer": "printer.uri", "server": "server.url"}


@dataclass
class Settings:
    """Everything configurable about one installation."""

    data_dir: Path
    values: dict[str, object]

    def get(self, key: str):
        return self.values[ALIASES.get(key, key)]

    @property
    def db_path(self) -> Path:
        return self.data_dir / "kiosk.sqlite3"

    @property
    def config_path(self) -> Path:
        return self.data_dir / CONFIG_FILE

    @property
    def printer_uri(self) -> str:
        # A fresh install prints to PDF + PNG files in the data dir, so nothing is lost without a printer.
        return str(self.values["printer.uri"]) or f"pdf://{(self.data_dir / 'prints').as_posix()}"

    @property
    def printer_width(self) -> int:
        return int(self.values["printer.width"])

    @property
    def printer_profile(self) -> str:
        return str(self.values["printer.profile"])

    @property
    def server_url(self) -> str:
        return str(self.values["server.url"])

    @property
    def max_priority_in_row(self) -> int:
        return int(self.values["queue.max_priority_in_row"])


def env_name(key: str) -> str:
    return "KIOSK_" + key.upper().replace(".", "_")


def load(data_dir: Path) -> Settings:
    """Defaults <- config.toml <- KIOSK_* environment (e.g. KIOSK_PRINTER_URI)."""
    path = data_dir / CONFIG_FILE
    stored = _read_stored(path)
    values = {}
    for key, (section, name, parse, default) in KEYS.items():
        value = default
        table = stored.get(section, {})
        if not isinstance(table, dict):
            raise InputError(f"{path}: [{section}] harus bagian (table), bukan {type(table).__name__}; "
                             "perbaiki atau hapus berkas itu (broken setting)")
        if name in table:
            raw = table[name]
            if isinstance(raw, dict | list) or isinstance(raw, float):
                raise InputError(f"{path}: {key} tidak sah ({str(raw)[:40]!r}); perbaiki atau hapus berkas itu")
            try:
                value = parse(raw if isinstance(raw, bool) else str(raw))
            except InputError as exc:
                raise InputError(f"{path}: {key} tidak sah: {exc}; perbaiki dengan `kiosk config set {key} ...` "
                                 "atau hapus baris itu") from None
        if (env := os.environ.get(env_name(key))) is not None:
            try:
                value = parse(env)
            except InputError as exc:
                raise InputError(f"{env_name(key)}: {exc}") from None
        values[key] = value
    return Settings(data_dir=data_dir, values=values)


def _read_stored(path: Path) -> dict:
    """config.toml as a dict ({} when absent); a file that is not UTF-8 TOML is one clear InputError."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise InputError(f"{path}: tidak bisa dibaca ({exc.strerror})") from None
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise InputError(f"{path}: berkas konfigurasi bukan teks UTF-8; perbaiki atau hapus berkas itu") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: berkas konfigurasi rusak ({exc})") from None


def parse_value(key: str, raw: str) -> tuple[str, object]:
    """Validate one `kiosk config set KEY VALUE`; returns the canonical key and typed value."""
    key = ALIASES.get(key, key)
    if key not in KEYS:
        raise InputError(f"kunci konfigurasi tidak dikenal: {key!r} (yang ada: {', '.join(sorted(KEYS))})")
    try:
        return key, KEYS[key][2](raw)
    except InputError as exc:
        raise InputError(f"{key}: {exc}") from None


def save(settings: Settings, updates: dict[str, object]) -> None:
    """Write config.toml atomically (temp file + replace), so a power cut never leaves half a file."""
    import tomli_w

    path = settings.config_path
    stored = _read_stored(path)
    for key, value in updates.items():
        section, name, _parse, _default = KEYS[key]
        if not isinstance(stored.get(section, {}), dict):
            stored[section] = {}
        stored.setdefault(section, {})[name] = value
        settings.values[key] = value
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as fh:
        tomli_w.dump(stored, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
