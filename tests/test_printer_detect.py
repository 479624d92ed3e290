"""Printer detection lists only what is really there, with its state: USB by vendor id, serial ports, OS queues,
and, when asked, ESC/POS printers answering on the raw port — here a fake printer on a loopback port (the
scan is pointed at 127.0.0.1 only: other engineers' tests share this machine)."""

from __future__ import annotations

import json
import os
import socket
import stat
from types import SimpleNamespace

import pytest

from kiosk.errors import InputError
from kiosk.printing import detect
from tests.conftest import run_kiosk
from tests.fakeprinter import FakePrinter


def test_an_escpos_printer_answering_on_the_raw_port_is_found_with_its_state(tmp_path):
    with FakePrinter("online") as fake:
        result = run_kiosk(tmp_path / "data", "printer", "detect", "--scan", "--subnet", "127.0.0.1/32",
                           "--port", str(fake.port), "--json")
        assert result.returncode == 0, result.stderr
        network = [r for r in json.loads(result.stdout) if r["kind"] == "network"]
        assert network == [{"uri": f"escpos+tcp://127.0.0.1:{fake.port}", "label": f"Printer ESC/POS 127.0.0.1:{fake.port}",
                            "kind": "network", "state": "ready", "status": "siap, kertas ada"}]
        assert not any(c.print_bytes for c in fake.connections)  # asked, never printed on
    human = run_kiosk(tmp_path / "data", "printer", "detect")
    assert human.returncode == 0 and "192.168.1.100" not in human.stdout and "04b8:0202" not in human.stdout


@pytest.mark.parametrize("mode, state, words", [
    ("paper_out", "paper_out", "kehabisan kertas"), ("cover_open", "cover_open", "Tutup printer terbuka"),
    ("near_end", "ready", "hampir habis"), ("silent", "unknown", "tidak menjawab status"),
])
def test_scan_states(mode, state, words):
    with FakePrinter(mode) as fake:
        [found] = detect.scan_network(["127.0.0.1"], fake.port)
    assert found.state == state and words in found.status


def test_nothing_listening_is_nothing_found():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # bound, not listening: connections are refused
        assert detect.scan_network(["127.0.0.1"], port) == []


@pytest.mark.parametrize("args, message", [
    (["--scan", "--subnet", "10.0.0.0/8"], "terlalu besar"), (["--scan", "--subnet", "192.168.1"], "subnet"),
    (["--subnet", "127.0.0.1/32"], "--scan"), (["--scan", "--port", "0"], "--port"),
])
def test_bad_scan_requests_are_one_line_errors(tmp_path, args, message):
    result = run_kiosk(tmp_path / "data", "printer", "detect", *args)
    assert result.returncode == 2 and message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_scan_hosts_are_bounded():
    assert detect.scan_hosts("127.0.0.1/32") == ["127.0.0.1"]
    assert len(detect.scan_hosts("192.168.10.0/24")) == 254
    with pytest.raises(InputError):
        detect.scan_hosts("192.168.0.0/16")
    assert len(detect.scan_hosts()) <= detect.MAX_SCAN_HOSTS  # this PC's own /24s


class _Device(SimpleNamespace):
    """A stand-in for a pyusb device (no USB printer on a test machine): descriptors, strings, configurations."""

    def __iter__(self):
        return iter(self.configs)


def _usb(vid, pid, *, klass=0, product=None, manufacturer=None) -> _Device:
    return _Device(idVendor=vid, idProduct=pid, bDeviceClass=0, product=product, manufacturer=manufacturer,
                   configs=[[SimpleNamespace(bInterfaceClass=klass)]])


def test_usb_devices_by_vendor_id_or_printer_class():
    epson = detect.usb_entry(_usb(0x04B8, 0x0E15, product="TM-T82II"))
    assert (epson.uri, epson.label, epson.state) == ("escpos+usb://04b8:0e15", "Epson TM-T82II (USB 04b8:0e15)",
                                                     "present")
    office = detect.usb_entry(_usb(0x03F0, 0x1234, klass=7, manufacturer="HP", product="LaserJet"))
    assert office.label == "HP LaserJet (USB 03f0:1234)" and "mungkin bukan ESC/POS" in office.status
    assert detect.usb_entry(_usb(0x046D, 0xC52B, klass=3)) is None  # a mouse receiver


def test_cups_queues_and_their_states(tmp_path, monkeypatch):
    # A stand-in for a CUPS server's lpstat (no print server on a test machine).
    lpstat = tmp_path / "lpstat"
    lpstat.write_text("#!/bin/sh\n"
                      "if [ \"$1\" = -e ]; then printf 'Struk_Loket\\nKantor\\nRusak\\n'; exit 0; fi\n"
                      "printf 'printer Struk_Loket is idle.  enabled since Mon 30 Nov 2026\\n"
                      "printer Kantor now printing Kantor-12.  enabled since Mon\\n"
                      "printer Rusak disabled since Mon 30 Nov 2026 -\\n\\treason unknown\\n'\n")
    lpstat.chmod(lpstat.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    found = {f.uri: (f.state, f.status) for f in detect.cups_queues()}
    assert found == {"cups://Struk_Loket": ("ready", "siap (antrian CUPS)"),
                     "cups://Kantor": ("busy", "sedang mencetak"),
                     "cups://Rusak": ("offline", "antrian CUPS dinonaktifkan")}


@pytest.mark.parametrize("bits, state", [(0, "ready"), (0x400, "busy"), (0x80, "offline"), (0x10, "paper_out"),
                                         (0x400000, "cover_open"), (0x1, "paused")])
def test_windows_printer_states(bits, state):
    assert detect.windows_state(bits)[0] == state
