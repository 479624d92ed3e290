"""The SKM report (laporan Survei Kepuasan Masyarakat, A4 PDF) in the layout of PermenPANRB 14/2017:
the tabulation of NRR per unsur (U1..U9) with the weighted NRR and the IKM, the mutu pelayanan with the
regulation's intervals, the respondents by profile (sex, age band, education, occupation), the IKM per
service, and the respondents' suggestions.

`skm_report_data` is a plain function over a Session (read only); `skm_report_pdf` lays it out.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from xml.sax.saxutils import escape

from sqlalchemy.orm import Session

from mpp.skm import AGE_BANDS, EDUCATION, MUTU_LABELS, MUTU_NRR_RANGES, MUTU_RANGES, UNKNOWN, mutu_for

SEX_LABELS = {"L": "Laki-laki", "P": "Perempuan"}
EDUCATION_LABELS = {"SD": "SD", "SMP": "SMP/SLTP", "SMA": "SMA/SLTA", "D3": "D1–D3", "S1": "D4/S1", "S2": "S2",
                    "S3": "S3"}
MAX_SUGGESTIONS = 500  # a report of a whole year stays printable; the count says how many were left out


def skm_report_data(session: Session, date_from: date, date_to: date) -> dict:
    """Everything the SKM report shows for the site's business days date_from..date_to (inclusive)."""
    from kiosk import survey
    from kiosk.catalog import all_service_names
    from kiosk.models import Device
    from kiosk.site import site_name

    device = session.get(Device, 1)
    totals = survey.summary(session, date_from=date_from, date_to=date_to)
    names = all_service_names(session)
    services = [{**row, "name": names.get(row["service"], {}).get("name", row["service"])}
                for row in survey.by_service(session, date_from=date_from, date_to=date_to)]
    said = survey.suggestions(session, date_from=date_from, date_to=date_to)
    return {
        "date_from": date_from.isoformat(), "date_to": date_to.isoformat(),
        "site": device.site_code if device else None,
        "site_name": site_name(device.site_code) if device else None,
        **totals,
        "mutu_label": MUTU_LABELS.get(totals["mutu"]) if totals["mutu"] else None,
        "services": services,
        "suggestions": [{"at": s["at"].isoformat(), "service": s["service"], "text": s["text"]}
                        for s in said[:MAX_SUGGESTIONS]],
        "suggestions_total": len(said),
    }


def _num(value, places: int = 2) -> str:
    return "-" if value is None else f"{value:.{places}f}".replace(".", ",")


def _share(count: int, total: int) -> str:
    return "-" if not total else f"{count * 100 / total:.1f} %".replace(".", ",")


def skm_report_pdf(data: dict, *, generated_at: datetime) -> bytes:
    """The report as an A4 PDF (fonts embedded, reproducible for the same data and time)."""
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

    from kiosk.printing.pdf import MM, SANS, SANS_BOLD, a4_document, register_fonts
    from kiosk.printing.templates import jam, tanggal

    register_fonts()  # before any Paragraph: they resolve their fonts when made

    site = data["site_name"] or "-"
    title = f"Laporan Survei Kepuasan Masyarakat — Mini MPP Kecamatan {site}"
    h1 = ParagraphStyle("h1", fontName=SANS_BOLD, fontSize=14, leading=18, spaceAfter=1 * MM, alignment=1)
    h2 = ParagraphStyle("h2", fontName=SANS_BOLD, fontSize=11, leading=14, spaceBefore=5 * MM, spaceAfter=2 * MM)
    body = ParagraphStyle("body", fontName=SANS, fontSize=9.5, leading=13)
    centre = ParagraphStyle("centre", parent=body, alignment=1)
    cell = ParagraphStyle("cell", fontName=SANS, fontSize=8, leading=10)
    small = ParagraphStyle("small", fontName=SANS, fontSize=8, leading=10, textColor=colors.grey)
    big = ParagraphStyle("big", fontName=SANS_BOLD, fontSize=22, leading=26, alignment=1)

    def table(rows: list[list], widths: list[float], *, header_rows: int = 1, align_from: int = 1) -> Table:
        t = Table(rows, colWidths=[w * MM for w in widths], repeatRows=header_rows)
        t.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, header_rows - 1), SANS_BOLD, 8), ("FONT", (0, header_rows), (-1, -1), SANS, 8),
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#e8eef4")),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa7b4")),
            ("ALIGN", (align_from, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ]))
        return t

    start, end = date.fromisoformat(data["date_from"]), date.fromisoformat(data["date_to"])
    period = tanggal(start, with_day=False) if start == end else \
        f"{tanggal(start, with_day=False)} – {tanggal(end, with_day=False)}"
    n = data["respondents"]
    story = [Paragraph("HASIL SURVEI KEPUASAN MASYARAKAT (SKM)", h1),
             Paragraph(f"Mini MPP Kecamatan {escape(site)} — Kabupaten Kutai Kartanegara", centre),
             Paragraph(f"Periode survei: {period} · jumlah responden: <b>{n}</b>", centre),
             Paragraph(f"Menurut Peraturan Menteri PANRB Nomor 14 Tahun 2017. Dibuat "
                       f"{tanggal(generated_at, with_day=False)} {jam(generated_at)} (kode {data['site'] or '-'}).",
                       small)]
    if not n:
        story += [Spacer(1, 6 * MM), Paragraph("Belum ada responden pada periode ini.", body)]
        buf = io.BytesIO()
        a4_document(buf, title).build(story)
        return buf.getvalue()

    # The index and its grade, large: what a reader looks for first.
    story += [Spacer(1, 4 * MM), table(
        [["Nilai IKM", "Mutu pelayanan", "Kinerja unit pelayanan"],
         [Paragraph(_num(data["ikm"]), big), Paragraph(data["mutu"], big), Paragraph(data["mutu_label"], big)]],
        [58, 58, 58], align_from=0)]

    # The regulation's tabulation: U1..U9 across.
    unsur = data["unsur"]
    codes = [u["code"] for u in unsur]
    story += [Paragraph("Pengolahan data per unsur pelayanan", h2), table(
        [["", *codes],
         ["Nilai rata-rata (NRR)", *[_num(u["nrr"]) for u in unsur]],
         ["NRR tertimbang (× 1/9)", *[_num(u["nrr_weighted"], 3) for u in unsur]],
         ["Mutu per unsur", *[mutu_for(round(u["nrr"] * 25, 2)) for u in unsur]]],
        [40, *[14.8] * 9]),
        Spacer(1, 2 * MM),
        Paragraph(f"IKM = Σ NRR tertimbang × 25 = <b>{_num(data['ikm'])}</b> (bobot tepat 1/9 per unsur; NRR = "
                  f"jumlah nilai unsur dibagi {n} responden, nilai 1–4).", body),
        Spacer(1, 2 * MM),
        table([["Unsur", "Nama unsur", "NRR", "Nilai × 25"],
               *[[u["code"], Paragraph(escape(u["name"]), cell), _num(u["nrr"]), _num(u["nrr"] * 25)]
                 for u in unsur]], [16, 100, 25, 25], align_from=2)]

    story += [Paragraph("Nilai persepsi, interval IKM dan mutu pelayanan", h2), table(
        [["Nilai persepsi", "Nilai interval (NRR)", "Interval konversi (IKM)", "Mutu", "Kinerja unit pelayanan"],
         *[[str(4 - i), MUTU_NRR_RANGES[grade], MUTU_RANGES[grade], grade, MUTU_LABELS[grade]]
           for i, grade in enumerate("ABCD")]],
        [25, 38, 42, 16, 45], align_from=0)]

    profile = data["profile"]

    def group(label: str, rows: list[tuple[str, int]]) -> KeepTogether:
        return KeepTogether([Paragraph(label, h2), table(
            [["Kelompok", "Jumlah", "Persen"], *[[name, count, _share(count, n)] for name, count in rows]],
            [80, 30, 30])])

    story.append(group("Responden menurut jenis kelamin",
                       [(SEX_LABELS[k], profile["sex"][k]) for k in SEX_LABELS]
                       + [("Tidak diisi", profile["sex"][UNKNOWN])]))
    story.append(group("Responden menurut umur",
                       [(f"{label} tahun", profile["age"][label]) for label, _, _ in AGE_BANDS]
                       + [("Tidak diisi", profile["age"][UNKNOWN])]))
    story.append(group("Responden menurut pendidikan",
                       [(EDUCATION_LABELS[k], profile["education"][k]) for k in EDUCATION]
                       + [("Tidak diisi", profile["education"][UNKNOWN])]))
    story.append(group("Responden menurut pekerjaan",
                       [(Paragraph(escape(k), cell), v) for k, v in profile["job"].items() if k != UNKNOWN]
                       + [("Tidak diisi", profile["job"][UNKNOWN])]))

    if data["services"]:
        story += [Paragraph("IKM per layanan", h2), table(
            [["Layanan", "Responden", "IKM", "Mutu"],
             *[[Paragraph(f"{escape(s['service'])} — {escape(s['name'])}", cell), s["respondents"], _num(s["ikm"]),
                s["mutu"] or "-"] for s in data["services"]]], [100, 25, 25, 20])]

    story.append(Paragraph("Saran dan masukan responden", h2))
    if data["suggestions"]:
        story.append(table(
            [["No", "Tanggal", "Layanan", "Saran"],
             *[[i, tanggal(datetime.fromisoformat(s["at"]), with_day=False), s["service"],
                Paragraph(escape(s["text"]).replace("\n", "<br/>"), cell)]
               for i, s in enumerate(data["suggestions"], 1)]], [10, 26, 20, 118], align_from=0))
        left = data["suggestions_total"] - len(data["suggestions"])
        if left > 0:
            story.append(Paragraph(f"… dan {left} saran lain (lihat periode yang lebih pendek).", small))
    else:
        story.append(Paragraph("Tidak ada saran tertulis pada periode ini.", body))
    buf = io.BytesIO()
    a4_document(buf, title).build(story)
    return buf.getvalue()
