"""A short scripted tour of the `kiosk` command on a throw-away data dir: prints what happened."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile


def kiosk(data_dir: str, *args: str) -> dict | list | None:
    env = dict(os.environ, KIOSK_DATA_DIR=data_dir, KIOSK_OPERATOR="demo")
    out = subprocess.run([sys.executable, "-m", "kiosk", *args, "--json"], capture_output=True, text=True, env=env)
    if out.returncode != 0:
        raise SystemExit(f"kiosk {' '.join(args)} failed: {out.stderr.strip()}")
    return json.loads(out.stdout) if out.stdout.strip() else None


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="kiosk-demo-") as data:
        site = kiosk(data, "init", "--site", "64.02.12", "--supervisor", "supervisor", "--pin", "246810")
        print(f"1. Mini MPP {site['site_name']} ({site['site']}) disiapkan di {data}")
        kiosk(data, "counter", "set", "1", "--services", "KTP,KK,AKLAHIR")
        print("2. Loket 1 melayani KTP, KK dan akta kelahiran")
        for service, prio in (("KTP", None), ("KK", None), ("KTP", "lansia")):
            t = kiosk(data, "ticket", "issue", service, *(["--priority", prio] if prio else []))
            print(f"3. Warga mengambil {t['number']} ({service}{', ' + prio if prio else ''}): "
                  f"{t['people_ahead']} orang di depan, ±{t['estimated_wait_minutes']} menit")
        t = kiosk(data, "ticket", "call", "--counter", "1")
        print(f"4. Loket 1 memanggil {t['number']} (prioritas lansia didahulukan)")
        kiosk(data, "ticket", "start", t["number"], "--counter", "1")
        app = kiosk(data, "application", "new", "--service", "KTP", "--nik", "6402124512900003",
                    "--name", "Siti Aminah", "--phone", "+62 812-3456-7890")
        print(f"5. Permohonan {app['registration_number']} diterima untuk {app['name']} (NIK {app['nik']})")
        kiosk(data, "ticket", "finish", t["number"], "--counter", "1")
        print(f"6. {t['number']} selesai; antrian: {[q['number'] for q in kiosk(data, 'queue')]}")
        kiosk(data, "survey", "add", "--service", "KTP", "--scores", "4,4,3,4,4,4,4,3,4")
        ikm = kiosk(data, "survey", "ikm")
        print(f"7. Survei kepuasan: IKM {ikm['ikm']} (mutu {ikm['mutu']})")
        doctor = kiosk(data, "doctor")
        print(f"8. kiosk doctor: integrity {doctor['integrity_check']}, {doctor['pending_outbox']} perubahan menunggu sinkronisasi")


if __name__ == "__main__":
    main()
