"""Which printers this PC can really reach, for the setup wizard and `kiosk printer detect`, each with its state.

- USB: devices on the bus (pyusb) whose vendor makes ESC/POS receipt printers, or that declare the USB
  printer class; listed, never opened (opening detaches the kernel driver another program may be using).
- Device files of the Linux printer driver (`/dev/usb/lp*`), and serial ports (pyserial's `list_ports`);
  nothing is written to a serial port: what is behind it is not known until a test print.
- The OS printer queues: CUPS (`lpstat -e`, states from `lpstat -p`) or Windows (EnumPrinters, level 2).
- Only when asked (`scan=True`): ESC/POS printers on the local subnet answering on TCP port 9100, asked for
  their real-time status (DLE EOT). Bounded: at most MAX_SCAN_HOSTS addresses, short timeouts, in threads.

python-escpos keeps no table of USB vendor ids, so the ESC/POS makers are listed here (`ESCPOS_VENDORS`).
"""

from __future__ import annotations

import concurrent.futures
import ipaddress
import logging
import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from kiosk.errors import InputError

log = logging.getLogger(__name__)

# USB vendor ids of makers of ESC/POS receipt printers (as `lsusb` shows them).
ESCPOS_VENDORS = {
    0x04B8: "Epson",
    0x0519: "Star Micronics",
    0x1504: "Bixolon",
    0x0DD4: "Custom",
    0x154F: "SNBC",
    0x1D90: "Citizen",
    0x0FE6: "Printer POS (ICS Advent)",  # the USB chip of many generic 58/80 mm printers
    0x0416: "Printer POS (Winbond)",  # likewise
}
USB_PRINTER_CLASS = 7
RAW_PORT = 9100
MAX_SCAN_HOSTS = 1024
SCAN_CONNECT_TIMEOUT = 0.35
SCAN_STATUS_TIMEOUT = 0.8
SCAN_WORKERS = 64
SCAN_DEADLINE = 12.0  # seconds for a whole scan, whatever the subnet

# Windows PRINTER_INFO_2.Status bits (winspool.h) that mean the printer cannot print now.
_WIN_STATES = ((0x00000080, "offline", "offline"), (0x00000010, "paper_out", "kertas habis"),
               (0x00400000, "cover_open", "tutup terbuka"), (0x00000008, "error", "kertas macet"),
               (0x00000002, "error", "galat"), (0x00001000, "offline", "tidak tersedia"),
               (0x00000001, "paused", "dijeda"))


@dataclass
class Found:
    """One printer (or port) found: its URI, what a technician reads, and its state now."""

    uri: str
    label: str
    kind: str  # usb | file | serial | queue | network
    state: str  # ready | present | busy | paused | paper_out | cover_open | offline | error | unknown
    status: str  # the state in words (Bahasa Indonesia)

    def as_dict(self) -> dict:
        return asdict(self)


def detect(*, scan: bool = False, subnet: str | None = None, port: int = RAW_PORT) -> list[dict]:
    """Everything found on this PC, and on the LAN when `scan` is set: [{uri, label, kind, state, status}]."""
    hosts = scan_hosts(subnet) if scan else []
    found: list[Found] = []
    for finder in (usb_printers, device_files, serial_ports, os_queues):
        try:
            found += finder()
        except Exception as exc:  # one odd subsystem must not hide what the others found
            log.info("printer detection: %s failed: %s", finder.__name__, exc)
    if scan:
        found += scan_network(hosts, port)
    return [f.as_dict() for f in found]


# --- USB ------------------------------------------------------------------------------------------------

def usb_printers() -> list[Found]:
    try:
        import usb.core
    except ImportError:
        return []
    try:
        devices = list(usb.core.find(find_all=True))
    except usb.core.NoBackendError:
        log.info("pyusb has no backend (libusb): USB printers are not listed")
        return []
    return [entry for entry in (usb_entry(dev) for dev in devices) if entry is not None]


def usb_entry(dev) -> Found | None:
    """A pyusb device as a printer found, or None when it is neither a known ESC/POS maker's nor of the
    USB printer class."""
    vid, pid = int(dev.idVendor), int(dev.idProduct)
    maker = ESCPOS_VENDORS.get(vid)
    if maker is None and not _is_printer_class(dev):
        return None
    product = _usb_string(dev, "product")
    name = " ".join(part for part in (maker or _usb_string(dev, "manufacturer"), product) if part) or "Printer USB"
    label = f"{name} (USB {vid:04x}:{pid:04x})"
    if maker is None:
        return Found(f"escpos+usb://{vid:04x}:{pid:04x}", label, "usb", "present",
                     "printer USB (kelas printer; mungkin bukan ESC/POS: cetak uji untuk memastikan)")
    return Found(f"escpos+usb://{vid:04x}:{pid:04x}", label, "usb", "present", "terpasang di USB")


def _is_printer_class(dev) -> bool:
    try:
        if getattr(dev, "bDeviceClass", 0) == USB_PRINTER_CLASS:
            return True
        return any(interface.bInterfaceClass == USB_PRINTER_CLASS for config in dev for interface in config)
    except Exception:  # descriptors unreadable without permission
        return False


def _usb_string(dev, which: str) -> str | None:
    try:
        value = getattr(dev, which)
    except Exception:  # reading strings needs access to the device
        return None
    return " ".join(str(value).split()) or None if value else None


# --- device files and serial ports --------------------------------------------------------------------------

def device_files() -> list[Found]:
    """The Linux USB printer driver's device files (`/dev/usb/lp0`): raw ESC/POS without libusb."""
    if not sys.platform.startswith("linux"):
        return []
    found = []
    for dev in sorted(Path("/dev/usb").glob("lp*")):
        writable = os.access(dev, os.W_OK)
        found.append(Found(f"escpos+file://{dev}", f"Printer USB {dev.name} ({dev})", "file",
                           "present" if writable else "error",
                           "perangkat ada" if writable else "perangkat ada, tetapi tidak bisa ditulisi (izin akses)"))
    return found


def serial_ports() -> list[Found]:
    try:
        from serial.tools import list_ports
    except ImportError:
        return []
    found = []
    for port in sorted(list_ports.comports(), key=lambda p: p.device):
        about = port.description if port.description and port.description != "n/a" else "port serial"
        if port.vid is not None:
            about += f" ({port.vid:04x}:{port.pid or 0:04x})"
        found.append(Found(f"escpos+serial://{port.device}?baudrate=9600", f"Serial {port.device} — {about}",
                           "serial", "present", "port ada; printer di port ini belum diuji (cetak uji)"))
    return found


# --- the OS printer queues ------------------------------------------------------------------------------------

def os_queues() -> list[Found]:
    if sys.platform == "win32":
        return windows_queues()
    return cups_queues()


def cups_queues() -> list[Found]:
    """CUPS destinations (`lpstat -e`) with their state (`lpstat -p`)."""
    lpstat = shutil.which("lpstat")
    if not lpstat:
        return []
    names = _run([lpstat, "-e"]).split()
    if not names:
        return []
    states: dict[str, tuple[str, str]] = {}
    for line in _run([lpstat, "-p"]).splitlines():
        words = line.split()
        if len(words) < 3 or words[0] != "printer":
            continue
        name, rest = words[1], " ".join(words[2:]).lower()
        if "disabled" in rest:
            states[name] = ("offline", "antrian CUPS dinonaktifkan")
        elif "printing" in rest:
            states[name] = ("busy", "sedang mencetak")
        elif "idle" in rest:
            states[name] = ("ready", "siap (antrian CUPS)")
    return [Found(f"cups://{name}", f"CUPS: {name}", "queue", *states.get(name, ("unknown", "status tidak diketahui")))
            for name in names]


def _run(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=5,
                              env={**os.environ, "LC_ALL": "C", "LANG": "C"})
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.info("%s: %s", command[0], exc)
        return ""
    return done.stdout if done.returncode == 0 else ""


def windows_queues() -> list[Found]:
    try:
        import win32print  # type: ignore[import-not-found]
    except ImportError:
        return []
    flags = win32print.PRINTER_ENUM_LOCAL | win32print.PRINTER_ENUM_CONNECTIONS
    found = []
    for info in win32print.EnumPrinters(flags, None, 2):
        name, status = info["pPrinterName"], int(info.get("Status") or 0)
        state, words = windows_state(status)
        found.append(Found(f"win32://{name}", f"Windows: {name}", "queue", state, words))
    return found


def windows_state(status: int) -> tuple[str, str]:
    """A Windows printer's Status bits as (state, words)."""
    problems = [(state, words) for bit, state, words in _WIN_STATES if status & bit]
    if problems:
        return problems[0][0], ", ".join(words for _, words in problems)
    if status & 0x00000400:
        return "busy", "sedang mencetak"
    return "ready", "siap (antrian Windows)"


# --- ESC/POS printers on the LAN ----------------------------------------------------------------------------

def scan_hosts(subnet: str | None = None) -> list[str]:
    """The addresses to try: `subnet` (CIDR, e.g. 192.168.1.0/24), or this PC's own IPv4 networks (each at
    most its /24); never more than MAX_SCAN_HOSTS. A subnet too large or malformed is an InputError."""
    if subnet:
        try:
            network = ipaddress.ip_network(subnet.strip(), strict=False)
        except ValueError:
            raise InputError(f"subnet harus seperti 192.168.1.0/24, bukan {subnet!r}") from None
        if network.version != 4:
            raise InputError("pemindaian hanya untuk jaringan IPv4")
        if network.num_addresses > MAX_SCAN_HOSTS + 2:
            raise InputError(f"subnet {network} terlalu besar: paling banyak {MAX_SCAN_HOSTS} alamat (mis. /24)")
        return [str(ip) for ip in (network.hosts() if network.num_addresses > 2 else network)]
    hosts: list[str] = []
    for address, prefix in _own_networks():
        network = ipaddress.ip_network(f"{address}/{max(prefix, 24)}", strict=False)
        hosts += [str(ip) for ip in network.hosts() if str(ip) != address and str(ip) not in hosts]
    return hosts[:MAX_SCAN_HOSTS]


def _own_networks() -> list[tuple[str, int]]:
    try:
        import ifaddr
    except ImportError:
        return []
    return [(ip.ip, ip.network_prefix) for adapter in ifaddr.get_adapters() for ip in adapter.ips
            if isinstance(ip.ip, str) and not ip.ip.startswith(("127.", "169.254."))]


def scan_network(hosts: list[str], port: int = RAW_PORT) -> list[Found]:
    """Who answers on `port` among `hosts`, asked for their ESC/POS status; sorted by address."""
    if not hosts:
        return []
    deadline = time.monotonic() + SCAN_DEADLINE
    found: list[Found] = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=min(SCAN_WORKERS, len(hosts)),
                                               thread_name_prefix="printer-scan") as pool:
        futures = [pool.submit(probe, host, port, deadline) for host in hosts]
        for future in futures:
            result = future.result()
            if result is not None:
                found.append(result)
    return sorted(found, key=lambda f: ipaddress.ip_address(f.uri.split("//")[1].rsplit(":", 1)[0]))


def probe(host: str, port: int = RAW_PORT, deadline: float | None = None) -> Found | None:
    """One address: None when nothing listens on `port`; else what its DLE EOT status says."""
    from kiosk.printing.printers import (
        DLE_EOT_OFFLINE,
        DLE_EOT_PAPER,
        DLE_EOT_PRINTER,
        MESSAGES,
        parse_status,
    )

    if deadline is not None and time.monotonic() > deadline:
        return None
    try:
        sock = socket.create_connection((host, port), timeout=SCAN_CONNECT_TIMEOUT)
    except OSError:
        return None
    uri = f"escpos+tcp://{host}:{port}"
    replies: list[bytes | None] = []
    with sock:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.settimeout(SCAN_STATUS_TIMEOUT)
        for command in (DLE_EOT_PRINTER, DLE_EOT_OFFLINE, DLE_EOT_PAPER):
            try:
                sock.sendall(command)
                reply = sock.recv(16)
            except OSError:
                reply = b""
            if not reply:
                break  # no answer: stop asking (a late reply would be read as the next one)
            replies.append(reply)
    if not replies:
        return Found(uri, f"Printer jaringan {host}:{port}", "network", "unknown",
                     f"port {port} terbuka, tetapi tidak menjawab status ESC/POS (printer lain, atau status "
                     "dimatikan: pakai ?status=off)")
    status = parse_status(*(replies + [None] * (3 - len(replies))))
    problem = status.problem()
    if problem:
        return Found(uri, f"Printer ESC/POS {host}:{port}", "network", problem[0], MESSAGES[problem[0]])
    paper = {"near_end": "kertas hampir habis", "ok": "kertas ada"}.get(status.paper, "kertas tidak diketahui")
    return Found(uri, f"Printer ESC/POS {host}:{port}", "network", "ready", f"siap, {paper}")
