"""`kiosk application ...` and `kiosk survey ...`: intake and the satisfaction survey from a terminal."""

from __future__ import annotations

from kiosk.cli import emit, parse_date, positive_int, print_note, settle_print
from mpp.skm import EDUCATION, SEXES


def register(sub) -> None:
    app = sub.group("application", "permohonan / applications")
    p = app.add("new", cmd_application_new, "permohonan baru / take in an application")
    p.add_argument("--service", required=True)
    p.add_argument("--nik", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--phone")
    p.add_argument("--address", help="alamat (teks bebas)")
    p.add_argument("--desa", help="kode desa/kelurahan, mis. 64.02.12.2001")
    p.add_argument("--documents", type=lambda t: [d.strip() for d in t.split(";") if d.strip()],
                   help="persyaratan yang diterima, dipisah ';' (default: semua)")
    p.add_argument("--notes")
    p.add_argument("--print", action="store_true", help="cetak tanda terima")
    p = app.add("show", cmd_application_show, "lihat permohonan dan riwayatnya / show with history")
    p.add_argument("regno", metavar="REGNO")
    p = app.add("hand-over", cmd_application_hand_over, "serahkan hasil / hand over the result")
    p.add_argument("regno", metavar="REGNO")
    p = app.add("set-status", cmd_application_set_status,
                "ubah status (layanan yang selesai di sini) / move an application on (local services)")
    p.add_argument("regno", metavar="REGNO")
    p.add_argument("status", choices=["in_process", "ready", "rejected"])
    p.add_argument("--reason", help="alasan (wajib untuk rejected)")
    p = app.add("search", cmd_application_search, "cari: nomor registrasi, NIK atau nama")
    p.add_argument("query")

    survey = sub.group("survey", "survei kepuasan (SKM)")
    p = survey.add("add", cmd_survey_add, "tambah satu jawaban / add one response")
    p.add_argument("--service", required=True)
    p.add_argument("--scores", required=True, help="9 nilai 1..4, mis. 4,4,3,4,4,4,4,3,4")
    p.add_argument("--age", type=int, metavar="YEARS", help="umur responden (tahun; opsional)")
    p.add_argument("--sex", type=str.upper, choices=list(SEXES), help="jenis kelamin: L atau P (opsional)")
    p.add_argument("--education", type=str.upper, choices=list(EDUCATION), help="pendidikan terakhir (opsional)")
    p.add_argument("--job", metavar="TEXT", help="pekerjaan, mis. PNS, Swasta, Wirausaha (opsional)")
    p.add_argument("--suggestion", metavar="TEXT", help="saran dan masukan (opsional)")
    p = survey.add("invite", cmd_survey_invite,
                   "mohon isi survei: undang warga yang baru dilayani loket N ke kiosk / invite to the survey")
    p.add_argument("--counter", type=positive_int, required=True, metavar="N")
    p = survey.add("ikm", cmd_survey_ikm, "indeks kepuasan masyarakat / IKM")
    p.add_argument("--service")
    p.add_argument("--from", dest="date_from", type=parse_date)
    p.add_argument("--to", dest="date_to", type=parse_date)


def cmd_application_new(app, args) -> int:
    from kiosk.ops import intake

    data = app.run(intake.new_application, service=args.service, nik=args.nik, name=args.name, phone=args.phone,
                   address=args.address, desa=args.desa, documents=args.documents, notes=args.notes,
                   print=args.print)
    if args.print:
        data["print"] = settle_print(app, data.pop("prints")[0])
    warn = "".join(f"\nPeringatan: {w}" for w in data.get("warnings") or [])
    emit(args, data, f"Permohonan {data['registration_number']} ({data['service']}) {data['status']}" + warn + print_note(data))
    return 0


def application_text(d: dict) -> str:
    lines = [f"{d['registration_number']}  {d['service_name']}  status: {d['status']}",
             f"  {d['name']}  NIK {d['nik']}"]
    lines += [f"  {h['at']}  {h['from'] or '-'} -> {h['to']}  ({h['actor']}){' ' + h['reason'] if h.get('reason') else ''}"
              for h in d["history"]]
    return "\n".join(lines)


def cmd_application_show(app, args) -> int:
    from kiosk.ops import intake

    data = app.run(intake.show_application, regno=args.regno)
    emit(args, data, application_text(data))
    return 0


def cmd_application_hand_over(app, args) -> int:
    from kiosk.ops import intake

    data = app.run(intake.hand_over, regno=args.regno)
    emit(args, data, f"{data['registration_number']} diserahkan kepada pemohon.")
    return 0


def cmd_application_set_status(app, args) -> int:
    from kiosk.ops import intake

    data = app.run(intake.set_status, regno=args.regno, status=args.status, reason=args.reason)
    emit(args, data, f"{data['registration_number']}: {data['status']}")
    return 0


def cmd_application_search(app, args) -> int:
    from kiosk.ops import intake

    rows = app.run(intake.search_applications, query=args.query)
    emit(args, rows, "\n".join(f"{r['registration_number']}  {r['status']:<11} {r['name']}  {r['service']}"
                               for r in rows) or "Tidak ditemukan.")
    return 0


def cmd_survey_add(app, args) -> int:
    from kiosk.ops import survey

    data = app.run(survey.add_survey, service=args.service, scores=args.scores, age=args.age, sex=args.sex,
                   education=args.education, job=args.job, suggestion=args.suggestion)
    emit(args, data, "Terima kasih, survei tersimpan.")
    return 0


def cmd_survey_invite(app, args) -> int:
    from kiosk.ops import survey

    data = app.run(survey.invite, counter=args.counter)
    emit(args, data, f"{data['number']} ({data['service']['name']}) diundang mengisi survei di kiosk.")
    return 0


def cmd_survey_ikm(app, args) -> int:
    from kiosk.ops import survey

    result = app.run(survey.ikm, service=args.service, date_from=args.date_from, date_to=args.date_to)
    text = (f"IKM {result['ikm']} (mutu {result['mutu']}) dari {result['respondents']} responden\n"
            + "\n".join(f"  {u['code']} {u['name']:<40} NRR {u['nrr']:.2f}  tertimbang {u['nrr_weighted']:.3f}"
                        for u in result["unsur"])
            if result["respondents"] else "Belum ada responden.")
    emit(args, result, text)
    return 0
