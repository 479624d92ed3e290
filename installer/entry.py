"""Frozen entry point shared by the two executables of the bundle.

`kiosk` (windowed on Windows: no console flashes up on a kiosk screen) and `kiosk-cli` (console, for
technicians) are the same program; only the default differs: started with no arguments, as a
shortcut, a Run key or Shell Launcher does, `kiosk` runs the app in the role chosen at setup.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _attach_missing_streams() -> None:
    # A windowed Windows exe has no stdout/stderr (they are None): printing would crash the app.
    # Keep stderr in the data dir instead, so a crash at start-up leaves a trace for `kiosk doctor`.
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if sys.stderr is None:
        try:
            from kiosk.config import resolve_data_dir

            logs = resolve_data_dir() / "logs"
            logs.mkdir(parents=True, exist_ok=True)
            sys.stderr = open(logs / "kiosk-stderr.log", "a", encoding="utf-8")  # noqa: SIM115
        except Exception:  # no writable data dir: still start
            sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


def main() -> int:
    _attach_missing_streams()
    from kiosk.cli import main as kiosk_main

    argv = sys.argv[1:]
    # argv[0], not sys.executable: the Debian package makes kiosk-cli a symlink to the identical kiosk.
    if not argv and Path(sys.argv[0]).stem.lower() == "kiosk":
        argv = ["run"]
    return kiosk_main(argv)


if __name__ == "__main__":
    sys.exit(main())
