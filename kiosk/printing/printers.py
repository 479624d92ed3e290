"""Printer URIs -> devices: send a document, read the status where the transport can.

    escpos+tcp://HOST[:9100]          network printer (raw port 9100), status via DLE EOT
    escpos+usb://VID:PID              USB (pyusb), status via DLE EOT
    escpos+serial:///dev/ttyUSB0?baudrate=9600   serial (pyserial), status via DLE EOT
    escpos+file:///dev/usb/lp0        a device file (write only: status unknown)
    cups://QUEUE                      a raw CUPS queue (pycups, or the `lp` command); ?format=pdf for office printers
    win32://NAME                      a Windows printer, raw (pywin32)
    pdf:///DIR                        PDF + PNG files in DIR (the default on a fresh install)
    dummy://                          renders and discards; ?status=paper_out|cover_open|offline simulates trouble

Every URI takes `?profile=NAME&width=58|80` to override the configured profile and paper width, and
`timeout=SECONDS` for the I/O timeout. A printer that never answers fails in seconds: connect, status read
and send each have a short timeout. A status read that gets no reply is "unknown", never "paper ok".
"""

from __future__ import annotations

import logging
import os
import socket
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, unquote

from kiosk.errors import InputError, KioskError
from kiosk.printing.document import Document
from kiosk.printing.escpos import Profile, get_profile

log = logging.getLogger(__name__)
SCHEMES = ("escpos+tcp", "escpos+usb", "escpos+serial", "escpos+file", "cups", "win32", "pdf", "dummy")
CONNECT_TIMEOUT = 3.0
STATUS_TIMEOUT = 1.5
SEND_TIMEOUT = 10.0

# DLE EOT n (real-time status). Each reply byte has bits 1 and 4 set and bits 0 and 7 clear.
DLE_EOT_PRINTER, DLE_EOT_OFFLINE, DLE_EOT_PAPER = b"\x10\x04\x01", b"\x10\x04\x02", b"\x10\x04\x04"

MESSAGES = {
    "paper_out": "Printer kehabisan kertas",
    "cover_open": "Tutup printer terbuka",
    "offline": "Printer offline (periksa kertas, tutup dan lampu error)",
    "unreachable": "Printer tidak terjangkau",
    "timeout": "Printer tidak menjawab (waktu habis)",
    "disconnected": "Sambungan ke printer terputus saat mencetak",
    "not_found": "Printer tidak ditemukan",
    "unsupported": "Jenis printer ini belum didukung di PC ini",
    "render": "Dokumen cetak tidak bisa dibuat",
    "io": "Gagal menulis ke printer",
}


class PrinterError(KioskError):
    """A print or status request that failed, with a reason a person understands.

    `code` is machine-readable (paper_out, cover_open, offline, unreachable, timeout, disconnected, not_found,
    unsupported, render, io); `partial` says bytes may have reached the paper (the retry is marked a copy).
    """

    def __init__(self, code: str, detail: str | None = None, *, partial: bool = False):
        self.code = code
        self.partial = partial
        message = MESSAGES.get(code, code)
        super().__init__(f"{message}: {detail}" if detail else message)


@dataclass(frozen=True)
class PrinterURI:
    raw: str
    scheme: str
    target: str
    params: dict = field(default_factory=dict)

    def param(self, name: str, default=None):
        return self.params.get(name, default)


def parse_uri(uri: str) -> PrinterURI:
    """Split and check a printer URI; a bad one is an InputError naming the accepted forms."""
    text = (uri or "").strip()
    scheme, sep, rest = text.partition("://")
    if not sep or scheme not in SCHEMES:
        raise InputError(f"URI printer tidak dikenal: {uri!r} (contoh: escpos+tcp://192.168.1.50:9100, "
                         f"pdf:///C:/MPP/cetak; skema: {', '.join(SCHEMES)})")
    rest, _, query = rest.partition("?")
    params = dict(parse_qsl(query, keep_blank_values=True))
    target = unquote(rest)
    if scheme == "escpos+tcp":
        host, _, port = target.rpartition(":") if ":" in target else (target, "", "9100")
        if not host or not port.isdigit() or not 0 < int(port) < 65536:
            raise InputError(f"URI printer jaringan harus escpos+tcp://HOST:PORT, bukan {uri!r}")
    elif scheme == "escpos+usb":
        vid, _, pid = target.partition(":")
        try:
            int(vid, 16), int(pid, 16)
        except ValueError:
            raise InputError(f"URI printer USB harus escpos+usb://VID:PID (heksadesimal, mis. 04b8:0202), bukan {uri!r}") from None
    elif scheme in ("escpos+serial", "escpos+file", "pdf", "cups", "win32") and not target:
        raise InputError(f"URI printer {scheme}:// perlu nama/path, mis. {scheme}://...")
    if "width" in params and params["width"] not in ("58", "80"):
        raise InputError(f"width di URI printer harus 58 atau 80, bukan {params['width']!r}")
    return PrinterURI(raw=text, scheme=scheme, target=target, params=params)


# --- status ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PrinterStatus:
    """What the printer said. None / "unknown" when it could not say (no reply is not good news)."""

    online: bool | None = None
    paper: str = "unknown"  # ok | near_end | out | unknown
    cover_open: bool | None = None
    error: str | None = None  # why the status could not be read, if it could not

    def problem(self) -> tuple[str, str] | None:
        """(code, message) of what stops printing, if anything known does."""
        if self.paper == "out":
            return "paper_out", MESSAGES["paper_out"]
        if self.cover_open:
            return "cover_open", MESSAGES["cover_open"]
        if self.online is False:
            return "offline", MESSAGES["offline"]
        return None

    def as_dict(self) -> dict:
        return {"online": self.online, "paper": self.paper, "cover_open": self.cover_open, "error": self.error}

    def text(self) -> str:
        online = {True: "online", False: "OFFLINE", None: "tidak diketahui"}[self.online]
        paper = {"ok": "ada", "near_end": "hampir habis", "out": "HABIS", "unknown": "tidak diketahui"}[self.paper]
        cover = {True: "TERBUKA", False: "tertutup", None: "tidak diketahui"}[self.cover_open]
        line = f"Printer: {online}; kertas: {paper}; tutup: {cover}"
        return line + (f"\n{self.error}" if self.error else "")


def _status_byte(reply: bytes | None) -> int | None:
    if not reply:
        return None
    byte = reply[-1]
    return byte if byte & 0x93 == 0x12 else None


def parse_status(printer: bytes | None, offline: bytes | None, paper: bytes | None) -> PrinterStatus:
    """Decode DLE EOT 1 (printer), 2 (offline cause) and 4 (roll paper sensor) replies.

    An empty or malformed reply leaves that field unknown: it must never read as "paper ok".
    """
    p, o, r = _status_byte(printer), _status_byte(offline), _status_byte(paper)
    online = None if p is None else not p & 0x08
    cover = None if o is None else bool(o & 0x04)
    if r is not None:
        paper_state = "out" if r & 0x60 else "near_end" if r & 0x0C else "ok"
    elif o is not None and o & 0x20:
        paper_state = "out"  # printing stopped at paper end
    else:
        paper_state = "unknown"
    return PrinterStatus(online=online, paper=paper_state, cover_open=cover)


# --- printers ----------------------------------------------------------------------------------------------

@dataclass
class PrintResult:
    bytes_sent: int = 0
    status: PrinterStatus | None = None
    files: list[str] = field(default_factory=list)


class Printer:
    """A printer named by a URI, with the profile and paper width it prints with."""

    can_read_status = False

    def __init__(self, uri: PrinterURI, profile: Profile, timeout: float):
        self.uri = uri
        self.profile = profile
        self.timeout = timeout

    @property
    def name(self) -> str:
        return self.uri.raw

    def status(self) -> PrinterStatus:
        return PrinterStatus(error="status tidak bisa dibaca lewat sambungan ini")

    def print_document(self, doc: Document, *, name: str, precheck: bool = True) -> PrintResult:
        raise NotImplementedError


class EscposPrinter(Printer):
    """An ESC/POS printer behind a python-escpos transport (Network, Serial, Usb, File, Cups, LP, Win32Raw)."""

    def __init__(self, uri, profile, timeout, make_device, *, can_read_status: bool, where: str):
        super().__init__(uri, profile, timeout)
        self._make_device = make_device
        # ?status=off: for a printer that does not answer DLE EOT (then a dead printer goes unnoticed).
        self.can_read_status = can_read_status and uri.param("status", "on") != "off"
        try:
            self.status_timeout = float(uri.param("status_timeout", min(timeout, STATUS_TIMEOUT)))
        except ValueError:
            raise InputError("status_timeout di URI printer harus angka detik") from None
        self.where = where

    def _open(self):
        lib = _lib()
        try:
            dev = self._make_device()
            dev.open()
        except PrinterError:
            raise
        except (lib.exceptions.DeviceNotFoundError, lib.exceptions.USBNotFoundError, OSError) as exc:
            code = "unreachable" if self.uri.scheme == "escpos+tcp" else "not_found"
            if isinstance(exc, OSError) and _is_timeout(exc):
                code = "timeout"
            raise PrinterError(code, f"{self.where} ({_short(exc)})") from None
        if self.uri.scheme == "escpos+tcp" and dev.device is not None:
            dev.device.settimeout(self.timeout)
            # Status requests are tiny writes right after the job: without this, Nagle + delayed ACK add 40 ms.
            dev.device.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return dev

    def _query(self, dev) -> PrinterStatus:
        replies = []
        for command in (DLE_EOT_PRINTER, DLE_EOT_OFFLINE, DLE_EOT_PAPER):
            reply = self._ask(dev, command)
            if reply is None:
                # No answer: later replies could arrive late and be read as the wrong answer; stop asking.
                break
            replies.append(reply)
        replies += [None] * (3 - len(replies))
        status = parse_status(*replies)
        if replies[0] is None:
            status = PrinterStatus(error="printer tidak menjawab permintaan status (DLE EOT)")
        return status

    def _ask(self, dev, command: bytes) -> bytes | None:
        sock = dev.device if self.uri.scheme == "escpos+tcp" else None
        try:
            if sock is not None:
                sock.settimeout(self.status_timeout)
            dev._raw(command)
            return dev._read() or None
        except (NotImplementedError, AttributeError):
            return None
        except OSError:
            return None
        except Exception:  # pyusb / pyserial timeouts have their own types
            return None
        finally:
            if sock is not None:
                sock.settimeout(self.timeout)

    def status(self) -> PrinterStatus:
        if not self.can_read_status:
            return PrinterStatus(error="status tidak bisa dibaca lewat sambungan ini")
        try:
            dev = self._open()
        except PrinterError as exc:
            return PrinterStatus(online=False if exc.code in ("unreachable", "not_found", "timeout") else None,
                                 error=str(exc))
        try:
            return self._query(dev)
        finally:
            _close(dev)

    def print_document(self, doc: Document, *, name: str, precheck: bool = True) -> PrintResult:
        """Send one document. Where status can be read, the printer must answer before (nothing is sent to a
        printer without paper) and after (it is still there and took the bytes); silence is a failure."""
        data = render_bytes(doc, self.profile)
        dev = self._open()
        status = None
        try:
            if precheck and self.can_read_status:
                status = self._query(dev)
                if status.error:
                    raise PrinterError("timeout", "tidak ada jawaban status (DLE EOT); untuk printer tanpa status "
                                       "pakai ?status=off di URI")
                if status.problem():
                    raise PrinterError(status.problem()[0])
            try:
                dev._raw(data)
                _flush(dev)
            except OSError as exc:
                code = "timeout" if _is_timeout(exc) else "disconnected"
                raise PrinterError(code, self.where, partial=True) from None
            except Exception as exc:  # transport-specific (usb.core.USBError, serial.SerialException)
                raise PrinterError("io", f"{self.where} ({_short(exc)})", partial=True) from None
            if precheck and self.can_read_status:
                after = self._query(dev)
                if after.error:
                    raise PrinterError("disconnected", "printer tidak menjawab setelah data dikirim", partial=True)
                if after.problem():
                    raise PrinterError(after.problem()[0], "saat mencetak", partial=True)
                status = after
        finally:
            _close(dev)
        return PrintResult(bytes_sent=len(data), status=status)


def render_bytes(doc: Document, profile: Profile) -> bytes:
    """ESC/POS bytes of a document; a document that cannot be rendered is a PrinterError("render")."""
    from kiosk.printing.escpos import render_escpos

    try:
        return render_escpos(doc, profile)
    except Exception as exc:
        raise PrinterError("render", _short(exc)) from exc


class PdfPrinter(Printer):
    """Writes `<name>.pdf` and `<name>.png` into a folder: no paper, nothing lost, and a preview for the UI."""

    can_read_status = True

    def __init__(self, uri, profile, timeout, folder: Path):
        super().__init__(uri, profile, timeout)
        self.folder = folder

    def status(self) -> PrinterStatus:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            ok = os.access(self.folder, os.W_OK)
        except OSError as exc:
            return PrinterStatus(online=False, error=f"folder {self.folder}: {exc.strerror}")
        if not ok:
            return PrinterStatus(online=False, error=f"folder {self.folder} tidak bisa ditulisi")
        return PrinterStatus(online=True, paper="ok", cover_open=False)

    def print_document(self, doc: Document, *, name: str, precheck: bool = True) -> PrintResult:
        from kiosk.printing.pdf import render_pdf
        from kiosk.printing.preview import render_png

        try:
            pdf, png = render_pdf(doc, self.profile), render_png(doc, self.profile)
        except Exception as exc:
            raise PrinterError("render", _short(exc)) from exc
        files = []
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for suffix, data in ((".pdf", pdf), (".png", png)):
                target = self.folder / f"{name}{suffix}"
                tmp = target.with_name(target.name + ".part")
                tmp.write_bytes(data)
                os.replace(tmp, target)
                files.append(str(target))
        except OSError as exc:
            raise PrinterError("io", f"{self.folder}: {exc.strerror}") from None
        return PrintResult(bytes_sent=len(pdf), status=None, files=files)


class DummyPrinter(Printer):
    """Renders ESC/POS and keeps the bytes in memory; `?status=` simulates trouble for drills and tests."""

    can_read_status = True

    def __init__(self, uri, profile, timeout):
        super().__init__(uri, profile, timeout)
        self.outputs: list[bytes] = []

    def status(self) -> PrinterStatus:
        simulated = self.uri.param("status", "ok")
        return {
            "paper_out": PrinterStatus(online=False, paper="out", cover_open=False),
            "near_end": PrinterStatus(online=True, paper="near_end", cover_open=False),
            "cover_open": PrinterStatus(online=False, paper="ok", cover_open=True),
            "offline": PrinterStatus(online=False, paper="unknown", cover_open=None),
            "unknown": PrinterStatus(error="simulasi: tidak ada jawaban"),
        }.get(simulated, PrinterStatus(online=True, paper="ok", cover_open=False))

    def print_document(self, doc: Document, *, name: str, precheck: bool = True) -> PrintResult:
        data = render_bytes(doc, self.profile)
        status = self.status()
        if precheck and status.problem():
            raise PrinterError(status.problem()[0])
        self.outputs.append(data)
        return PrintResult(bytes_sent=len(data), status=status)


class CupsPdfPrinter(Printer):
    """An office printer behind CUPS: the document as a roll-sized PDF through `lp`."""

    def print_document(self, doc: Document, *, name: str, precheck: bool = True) -> PrintResult:
        import shutil
        import subprocess
        import tempfile

        from kiosk.printing.pdf import render_pdf

        if not shutil.which("lp"):
            raise PrinterError("unsupported", "perintah `lp` (CUPS) tidak ada")
        try:
            pdf = render_pdf(doc, self.profile)
        except Exception as exc:
            raise PrinterError("render", _short(exc)) from exc
        with tempfile.NamedTemporaryFile(suffix=".pdf") as fh:
            fh.write(pdf)
            fh.flush()
            try:
                done = subprocess.run(["lp", "-d", self.uri.target, "-t", name, fh.name], capture_output=True,
                                      text=True, timeout=self.timeout)
            except subprocess.TimeoutExpired:
                raise PrinterError("timeout", "lp") from None
        if done.returncode != 0:
            raise PrinterError("not_found", (done.stderr or done.stdout).strip() or self.uri.target)
        return PrintResult(bytes_sent=len(pdf))


# --- URI -> printer -------------------------------------------------------------------------------------------

def _lib():
    from kiosk.printing.escpos import escpos_lib

    return escpos_lib()


def _is_timeout(exc: BaseException) -> bool:
    return isinstance(exc, TimeoutError | socket.timeout) or "timed out" in str(exc).lower()


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:160]


def _flush(dev) -> None:
    flush = getattr(dev, "flush", None)
    if callable(flush):
        flush()
    send = getattr(dev, "send", None)  # CupsPrinter submits the job on send()
    if callable(send) and type(dev).__name__ == "CupsPrinter":
        send()


def _close(dev) -> None:
    try:
        dev.close()
    except Exception:  # closing a broken connection must not hide the real error
        pass


def _need(cls, what: str, package: str):
    if not cls.is_usable():
        raise PrinterError("unsupported", f"{what} memerlukan paket {package} (pip install {package})")


def open_printer(uri: str, *, profile: str | None = None, width: int | None = None,
                 timeout: float | None = None) -> Printer:
    """The printer a URI names, with the configured profile/width unless the URI overrides them."""
    parsed = parse_uri(uri)
    prof = get_profile(parsed.param("profile", profile), int(parsed.param("width", width or 80)))
    try:
        timeout = float(parsed.param("timeout", timeout or SEND_TIMEOUT))
    except ValueError:
        raise InputError(f"timeout di URI printer harus angka detik, bukan {parsed.param('timeout')!r}") from None
    scheme, target = parsed.scheme, parsed.target
    if scheme == "pdf":
        # pdf:///home/x/prints -> /home/x/prints ; pdf://C:/MPP/prints -> C:/MPP/prints
        return PdfPrinter(parsed, prof, timeout, Path(target))
    if scheme == "dummy":
        return DummyPrinter(parsed, prof, timeout)
    if scheme in ("cups", "win32") and parsed.param("format") == "pdf":
        if scheme == "win32":
            raise PrinterError("unsupported", "win32://...?format=pdf belum didukung; pakai pdf:/// lalu cetak dari penampil PDF")
        return CupsPdfPrinter(parsed, prof, timeout)
    lib = _lib().printer
    connect = min(timeout, CONNECT_TIMEOUT)
    if scheme == "escpos+tcp":
        host, _, port = target.rpartition(":") if ":" in target else (target, "", "9100")
        return EscposPrinter(parsed, prof, timeout, lambda: lib.Network(host, int(port), timeout=connect),
                             can_read_status=True, where=f"{host}:{port}")
    if scheme == "escpos+usb":
        _need(lib.Usb, "printer USB", "pyusb")
        vid, _, pid = target.partition(":")
        kwargs = {k: int(v, 0) for k, v in parsed.params.items() if k in ("in_ep", "out_ep", "interface")}
        return EscposPrinter(parsed, prof, timeout,
                             lambda: lib.Usb(int(vid, 16), int(pid, 16), timeout=int(timeout * 1000), **kwargs),
                             can_read_status=True, where=f"USB {target}")
    if scheme == "escpos+serial":
        _need(lib.Serial, "printer serial", "pyserial")
        try:
            baud = int(parsed.param("baudrate", 9600))
        except ValueError:
            raise InputError("baudrate harus angka, mis. ?baudrate=9600") from None
        return EscposPrinter(parsed, prof, timeout,
                             lambda: lib.Serial(target, baudrate=baud, timeout=min(timeout, STATUS_TIMEOUT)),
                             can_read_status=True, where=target)
    if scheme == "escpos+file":
        return EscposPrinter(parsed, prof, timeout, lambda: lib.File(target), can_read_status=False, where=target)
    if scheme == "cups":
        if lib.CupsPrinter.is_usable():
            return EscposPrinter(parsed, prof, timeout, lambda: lib.CupsPrinter(target), can_read_status=False,
                                 where=f"CUPS {target}")
        _need(lib.LP, "printer CUPS", "pycups")
        return EscposPrinter(parsed, prof, timeout, lambda: lib.LP(target), can_read_status=False,
                             where=f"CUPS {target}")
    if scheme == "win32":
        _need(lib.Win32Raw, "printer Windows", "pywin32")
        return EscposPrinter(parsed, prof, timeout, lambda: lib.Win32Raw(target), can_read_status=False,
                             where=target)
    raise PrinterError("unsupported", scheme)


def printer_for_settings(settings, uri: str | None = None) -> Printer:
    """The configured printer (or `uri`), with the configured profile and paper width."""
    return open_printer(uri or settings.printer_uri, profile=settings.printer_profile, width=settings.printer_width)
