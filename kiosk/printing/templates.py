"""What gets printed: the queue ticket, the application receipt, the service information sheet and the test
page, built as layout documents from the domain objects. Plain functions over a Session (read only).

QR payloads are short and upper-case so they fit the smallest QR versions in alphanumeric mode
(`T:<ticket uuid>`, `R:<registration number>`); `parse_qr_payload` reads them back for the kiosk's scanner.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.clock import SITE_TZ
from kiosk.errors import InputError
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


def ticket_qr_payload(ticket_id: str) -> str:
    return f"T:{ticket_id.upper()}"


def receipt_qr_payload(registration_number: str) -> str:
    return f"R:{registration_number.upper()}"


def parse_qr_payload(text: str) -> tuple[str, str]:
    """`T:<uuid>` -> ("ticket", uuid), `R:<regno>` -> ("receipt", regno)."""
    kind, _, ref = (text or "").strip().partition(":")
    if kind.upper() == "T" and ref:
        return "ticket", ref.lower()
    if kind.upper() == "R" and ref:
        return "receipt", ref.upper()
    raise InputError(f"kode QR tidak dikenali: {text!r}")


def _site(session: Session) -> tuple[str, str]:
    from kiosk import outbox
    from kiosk.site import site_name

    device = outbox.device(session)
    return device.site_code, site_name(device.site_code)


def _header(site_name: str) -> list:
    return [Text(f"MINI MPP KECAMATAN {site_name.upper()}", align="center", bold=True),
            Text(KABUPATEN, align="center")]


# --- queue ticket -------------------------------------------------------------------------------------

def ticket_document(session: Session, ticket, *, now: datetime) -> Document:
    """The queue ticket (antrian): number very large, service, time, people ahead, wait, QR."""
    from kiosk import tickets
    from kiosk.models import Service

    _, site = _site(session)
    service = session.get(Service, ticket.service_code)
    info = tickets.ticket_dict(session, ticket)
    doc = Document("ticket", ticket.id, title=f"Tiket {ticket.number}")
    doc.add(*_header(site), Rule(),
            Text("NOMOR ANTRIAN", align="center"),
            Text(ticket.number, align="center", bold=True, size=NUMBER_SIZE),
            Text(service.name, align="center", bold=True),
            Text(service.agency.short, align="center"))
    if ticket.priority:
        doc.add(Text(f" PRIORITAS: {tickets.PRIORITIES[ticket.priority].upper()} ", align="center", bold=True,
                     invert=True))
    doc.add(Rule(),
            Columns("Tanggal", tanggal(ticket.issued_at)),
            Columns("Jam ambil", jam(ticket.issued_at)))
    if ticket.status == tickets.WAITING:
        wait = info["estimated_wait_minutes"]
        doc.add(Columns("Di depan Anda", f"{info['people_ahead']} orang"),
                Columns("Perkiraan tunggu", f"sekitar {wait} menit" if wait else "segera dipanggil"))
    else:
        doc.add(Columns("Status", tickets.STATUS_LABELS.get(ticket.status, ticket.status)))
    doc.add(Feed(1), QR(ticket_qr_payload(ticket.id), size=6),
            Text("Pindai QR untuk cek status antrian", align="center"),
            Text("Simpan tiket ini sampai nomor Anda dipanggil.", align="center"),
            Cut())
    return doc


# --- application receipt --------------------------------------------------------------------------------

def result_place(service, site_name: str) -> str:
    """Where the result will be ready: here, or MPP Induk for services processed there."""
    if service.mode == "forward":
        return MPP_INDUK
    return f"Mini MPP Kec. {site_name}"


def estimated_completion(service, received_at: datetime) -> date:
    return add_working_days(local(received_at).date(), int(service.sla_days or 0))


def _operator_name(session: Session, username: str) -> str:
    from kiosk.models import Operator

    op = session.scalar(select(Operator).where(Operator.username == username))
    return op.full_name if op is not None else username


def receipt_document(session: Session, application, *, copy_label: str | None = None) -> Document:
    """The tanda terima permohonan: registration number (text + QR), masked NIK, documents, SLA, where."""
    from kiosk.applications import mask_nik

    _, site = _site(session)
    service = application.service
    doc = Document("receipt", application.registration_number,
                   title=f"Tanda terima {application.registration_number}")
    doc.add(*_header(site), Text("TANDA TERIMA PERMOHONAN", align="center", bold=True))
    if copy_label:
        doc.add(Text(f"({copy_label})", align="center"))
    doc.add(Rule(),
            Text("Nomor Registrasi", align="center"),
            Text(application.registration_number, align="center", bold=True),
            Feed(1), QR(receipt_qr_payload(application.registration_number), size=6),
            Rule(),
            Columns("Layanan", service.name),
            Columns("Instansi", service.agency.short),
            Columns("Pemohon", application.name),
            Columns("NIK", mask_nik(application.nik)),
            Rule(),
            Text("Dokumen diterima:", bold=True))
    for requirement, received in (application.documents or {}).items():
        doc.add(Text(f"[{'x' if received else ' '}] {requirement}", indent=4))
    if not application.documents:
        doc.add(Text("(tidak ada persyaratan dokumen)"))
    done = estimated_completion(service, application.received_at)
    doc.add(Rule(),
            Columns("Diterima", f"{tanggal(application.received_at, with_day=False)} {jam(application.received_at)}"),
            Columns("Perkiraan selesai", tanggal(done)))
    if service.sla:
        doc.add(Text(f"Jangka waktu: {service.sla}", indent=2))
    doc.add(Columns("Hasil diambil di", result_place(service, site)),
            Columns("Petugas", _operator_name(session, application.operator)),
            Rule(),
            Text(f"Pengaduan: {service.complaint}" if service.complaint else "Pengaduan: SP4N-LAPOR! lapor.go.id",
                 indent=2),
            Text("Simpan tanda terima ini untuk cek status dan mengambil hasil.", align="center"),
            Cut())
    return doc


# --- service information sheet ----------------------------------------------------------------------------

MODE_TEXT = {
    "local": "Layanan ini selesai di Mini MPP.",
    "forward": f"Berkas diterima di Mini MPP, diproses di {MPP_INDUK}.",
    "online": "Layanan daring: dapat diajukan sendiri dari rumah; petugas dapat membantu.",
}


def info_document(service, *, now: datetime) -> Document:
    """A service's standar pelayanan: requirements, procedure, SLA, fee, so a citizen knows what to bring."""
    doc = Document("info", service.code, title=f"Informasi layanan {service.code}")
    doc.add(Text("INFORMASI LAYANAN", align="center", bold=True),
            Text(service.name, align="center", bold=True),
            Text(service.agency.name, align="center"),
            Rule(),
            Text("Persyaratan:", bold=True))
    for i, requirement in enumerate(service.requirements or [], 1):
        doc.add(Text(f"{i}. {requirement}", indent=3))
    if service.procedure:
        doc.add(Feed(1), Text("Prosedur:", bold=True))
        for i, step in enumerate(service.procedure, 1):
            doc.add(Text(f"{i}. {step}", indent=3))
    doc.add(Rule(),
            Columns("Jangka waktu", service.sla or "-"),
            Columns("Biaya", service.fee_text or ("Gratis" if not service.fee else f"Rp {service.fee:,}".replace(",", "."))))
    if service.product:
        doc.add(Columns("Produk", service.product))
    doc.add(Text(MODE_TEXT.get(service.mode, ""), indent=0))
    if service.complaint:
        doc.add(Text(f"Pengaduan: {service.complaint}", indent=2))
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
