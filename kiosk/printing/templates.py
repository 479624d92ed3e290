"""What gets printed: the queue ticket, the application receipt, the service information sheet and the test
page, laid out as documents. Pure: plain data in (gathered by `kiosk.ops.printing`), a `Document` out.

The QR payloads come from `kiosk.codes`, which also reads them back for the kiosk's scanner.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from kiosk.clock import SITE_TZ
from kiosk.codes import receipt_qr_payload, ticket_qr_payload
from kiosk.printing.document import QR, Barcode, Columns, Cut, Document, Feed, Rule, Text
from kiosk.printing.escpos import Profile

HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
BULAN = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
KABUPATEN = "Kabupaten Kutai Kartanegara"
MPP_INDUK = "MPP Induk Tenggarong"
NUMBER_SIZE = 4  # the ticket number: 4x font A, 96 dots (12 mm) tall, 5 characters fit 58 mm
RECEIPT_COPIES = ("Lembar Pemohon", "Lembar Arsip")


# --- formatting -------------------------------------------------------------------------------------

def local(when: datetime) -> datetime:
    return when.astimezone(SITE_TZ)


def tanggal(day: date | datetime, with_day: bool = True) -> str:
    """`Senin, 30 Nov 2026`."""
    day = local(day).date() if isinstance(day, datetime) else day
    text = f"{day.day} {BULAN[day.month - 1]} {day.year}"
    return f"{HARI[day.weekday()]}, {text}" if with_day else text


def jam(when: datetime) -> str:
    """`08:15 WITA`."""
    return f"{local(when):%H:%M} WITA"


def add_working_days(day: date, days: int) -> date:
    """`days` working days (Monday-Friday) after `day`; national holidays are not known here."""
    current = day
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def _when(value: str | datetime) -> datetime:
    """Print content travels as JSON (from the hub to a joined PC): times arrive as ISO text."""
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def _header(site_name: str) -> list:
    return [Text(f"MINI MPP KECAMATAN {site_name.upper()}", align="center", bold=True),
            Text(KABUPATEN, align="center")]


# --- queue ticket -------------------------------------------------------------------------------------

def ticket_document(t: dict) -> Document:
    """The queue ticket (antrian): number very large, service, time, people ahead, wait, QR.

    `t` is the ticket's print content (`kiosk.ops.printing.ticket_content`): plain data, times as ISO text.
    """
    issued_at = _when(t["issued_at"])
    doc = Document("ticket", t["id"], title=f"Tiket {t['number']}")
    doc.add(*_header(t["site_name"]), Rule(),
            Text("NOMOR ANTRIAN", align="center"),
            Text(t["number"], align="center", bold=True, size=NUMBER_SIZE),
            Text(t["service_name"], align="center", bold=True),
            Text(t["agency"], align="center"))
    if t.get("priority_label"):
        doc.add(Text(f" PRIORITAS: {t['priority_label'].upper()} ", align="center", bold=True, invert=True))
    doc.add(Rule(),
            Columns("Tanggal", tanggal(issued_at)),
            Columns("Jam ambil", jam(issued_at)))
    if t.get("booking"):
        doc.add(Columns("Booking", f"{t['booking']['code']} jam {t['booking']['start']}"))
    if t["status"] == "waiting":
        wait = t["estimated_wait_minutes"]
        doc.add(Columns("Di depan Anda", f"{t['people_ahead']} orang"),
                Columns("Perkiraan tunggu", f"sekitar {wait} menit" if wait else "segera dipanggil"))
    else:
        doc.add(Columns("Status", t["status_label"]))
    doc.add(Feed(1), QR(ticket_qr_payload(t["id"]), size=6),
            Text("Pindai QR untuk cek status antrian", align="center"),
            Text("Simpan tiket ini sampai nomor Anda dipanggil.", align="center"),
            Cut())
    return doc


# --- application receipt --------------------------------------------------------------------------------

def result_place(mode: str, site_name: str) -> str:
    """Where the result will be ready: here, or MPP Induk for services processed there."""
    if mode == "forward":
        return MPP_INDUK
    return f"Mini MPP Kec. {site_name}"


def estimated_completion(sla_days: int, received_at: datetime) -> date:
    return add_working_days(local(received_at).date(), int(sla_days or 0))


def receipt_document(r: dict) -> Document:
    """The tanda terima permohonan: registration number (text + QR), masked NIK, documents, SLA, where.

    `r` is the receipt's print content (`kiosk.ops.printing.receipt_content`); the NIK in it is masked.
    """
    regno = r["registration_number"]
    received_at = _when(r["received_at"])
    title = f"Tanda terima {regno}" + (f" ({r['copy_label']})" if r.get("copy_label") else "")
    doc = Document("receipt", regno, title=title)
    doc.add(*_header(r["site_name"]), Text("TANDA TERIMA PERMOHONAN", align="center", bold=True))
    if r.get("copy_label"):
        doc.add(Text(f"({r['copy_label']})", align="center"))
    doc.add(Rule(),
            Text("Nomor Registrasi", align="center"),
            Text(regno, align="center", bold=True),
            Feed(1), QR(receipt_qr_payload(regno), size=6),
            Rule(),
            Columns("Layanan", r["service_name"]),
            Columns("Instansi", r["agency"]),
            Columns("Pemohon", r["name"]),
            Columns("NIK", r["nik_masked"]),
            Rule(),
            Text("Dokumen diterima:", bold=True))
    for requirement, received in (r.get("documents") or {}).items():
        doc.add(Text(f"[{'x' if received else ' '}] {requirement}", indent=4))
    if not r.get("documents"):
        doc.add(Text("(tidak ada persyaratan dokumen)"))
    done = estimated_completion(r["sla_days"], received_at)
    doc.add(Rule(),
            Columns("Diterima", f"{tanggal(received_at, with_day=False)} {jam(received_at)}"),
            Columns("Perkiraan selesai", tanggal(done)))
    if r.get("sla"):
        doc.add(Text(f"Jangka waktu: {r['sla']}", indent=2))
    doc.add(Columns("Hasil diambil di", result_place(r["mode"], r["site_name"])),
            Columns("Petugas", r["operator_name"]),
            Rule())
    if r.get("complaint"):
        doc.add(Text(f"Pengaduan: {r['complaint']}", indent=2))
    doc.add(Text("Simpan tanda terima ini untuk cek status dan mengambil hasil.", align="center"),
            Cut())
    return doc


# --- service information sheet ----------------------------------------------------------------------------

MODE_TEXT = {
    "local": "Layanan ini selesai di Mini MPP.",
    "forward": f"Berkas diterima di Mini MPP, diproses di {MPP_INDUK}.",
    "online": "Layanan daring: dapat diajukan sendiri dari rumah; petugas dapat membantu.",
}


def info_document(service: dict, *, now: datetime) -> Document:
    """A service's standar pelayanan: requirements, procedure, SLA, fee, so a citizen knows what to bring.

    `service` is the catalog's detail of one service (`kiosk.catalog.service_detail`).
    """
    doc = Document("info", service["code"], title=f"Informasi layanan {service['code']}")
    doc.add(Text("INFORMASI LAYANAN", align="center", bold=True),
            Text(service["name"], align="center", bold=True),
            Text(service["agency_name"], align="center"),
            Rule(),
            Text("Persyaratan:", bold=True))
    for i, requirement in enumerate(service["requirements"], 1):
        doc.add(Text(f"{i}. {requirement}", indent=3))
    if service["procedure"]:
        doc.add(Feed(1), Text("Prosedur:", bold=True))
        for i, step in enumerate(service["procedure"], 1):
            doc.add(Text(f"{i}. {step}", indent=3))
    doc.add(Rule(),
            Columns("Jangka waktu", service["sla"] or "-"),
            Columns("Biaya", service["fee_text"]))
    if service["product"]:
        doc.add(Columns("Produk", service["product"]))
    doc.add(Text(MODE_TEXT.get(service["mode"], ""), indent=0))
    if service["complaint"]:
        doc.add(Text(f"Pengaduan: {service['complaint']}", indent=2))
    doc.add(Rule(), Text(f"Dicetak {tanggal(now, with_day=False)} {jam(now)}", align="center"), Cut())
    return doc


# --- test page ----------------------------------------------------------------------------------------------

def test_page_document(*, printer_uri: str, profile: Profile, now: datetime, site_name: str | None = None) -> Document:
    """Printer name, profile, width, code page, a QR and a barcode; a column ruler shows the real width."""
    doc = Document("test", f"{now:%Y%m%d%H%M%S}", title="Halaman uji printer")
    doc.add(Text("HALAMAN UJI PRINTER", align="center", bold=True, size=2))
    if site_name:
        doc.add(Text(f"Mini MPP Kec. {site_name}", align="center"))
    ruler = ("1234567890" * 5)[: profile.columns]
    doc.add(Rule(),
            Columns("Printer", printer_uri),
            Columns("Profil", f"{profile.name} ({profile.label})"),
            Columns("Lebar", f"{profile.width_mm} mm, {profile.columns} kolom"),
            Columns("Titik", str(profile.dots)),
            Columns("Code page", profile.codepage),
            Columns("QR", "bawaan printer" if profile.native_qr else "gambar"),
            Columns("Pemotong kertas", "ada" if profile.cutter else "tidak ada"),
            Rule(),
            Text(ruler),
            Text("Tebal / bold", bold=True),
            Text("Besar", size=2),
            Text("Ejaan: Pelayanan – “Rp 10.000” – café"),
            Feed(1),
            QR(f"TEST:{now:%Y%m%d%H%M%S}", size=6),
            Barcode("MPP-TEST"),
            Text(f"{tanggal(now)} {jam(now)}", align="center"),
            Cut())
    return doc
