"""Status-bar indicators that follow the bridge: sync (online, pending, last success, clock skew, dead letters),
printer, and the site hub (a joined PC)."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

from kiosk.clock import SITE_TZ
from kiosk.ui.i18n import Translatable
from kiosk.ui.qt import QLabel
from kiosk.ui.widgets.common import set_prop

SKEW_WARN_SECONDS = 300


def _hhmm(value: datetime | None) -> str:
    if value is None:
        return "–"
    return value.astimezone(SITE_TZ).strftime("%H:%M")


class SyncIndicator(Translatable, QLabel):
    """`● Online · 3 tertunda · terakhir 10:42` (green / amber / red / grey)."""

    def __init__(self, bridge, parent=None):
        super().__init__(parent)
        self.setObjectName("syncIndicator")
        self._state: dict = dict(bridge.sync_state)
        bridge.syncStateChanged.connect(self.show_state)
        self.show_state(self._state)

    def show_state(self, state: dict) -> None:
        self._state = dict(state)
        if not state.get("enabled"):
            text = self.tr("Sinkron: belum diatur")
            tone = "muted"
            pending = state.get("pending")
            if pending:
                text += " · " + self.tr("{n} tertunda").format(n=pending)
        else:
            online = state.get("online")
            if state.get("running"):
                head, tone = self.tr("Sinkron: berjalan…"), "ok"
            elif online is None:
                head, tone = self.tr("Sinkron: menunggu"), "muted"
            elif online:
                head, tone = self.tr("Online"), "ok"
            else:
                head, tone = self.tr("Offline"), "warn"
            parts = [head]
            pending = state.get("pending")
            if pending is not None:
                parts.append(self.tr("{n} tertunda").format(n=pending))
            parts.append(self.tr("terakhir {t}").format(t=_hhmm(state.get("last_success"))))
            text = " · ".join(parts)
        skew = state.get("skew_seconds")
        if skew is not None and abs(skew) > SKEW_WARN_SECONDS:
            text += " · ⚠ " + self.tr("jam PC selisih {m} menit").format(m=round(abs(skew) / 60))
            tone = "warn" if tone == "ok" else tone
        dead = state.get("dead_letters") or 0
        tips = [state.get("last_error") or ""]
        if dead:
            text += " · ⚠ " + self.tr("{n} ditolak server").format(n=dead)
            tone = "warn" if tone == "ok" else tone
            last = state.get("last_dead_letter")
            if last:
                tips.append(self.tr("Terakhir ditolak: {v}").format(v=_dead_letter_text(last)))
        self.setToolTip("\n".join(t for t in tips if t))
        self.setText("● " + text)
        set_prop(self, "tone", tone)

    def state(self) -> dict:
        return dict(self._state)


def _dead_letter_text(last) -> str:
    """One line for the last mutation central refused: its name and the reason."""
    if isinstance(last, dict):
        return f"#{last.get('seq')} {last.get('kind') or ''}: {last.get('reason') or ''}"
    return str(last)


class HubIndicator(Translatable, QLabel):
    """A joined PC's link to its site hub: `● Hub: 192.168.1.10 · 2 di spool`, or `● Hub tidak terhubung`
    (red) within 3 s of the hub going away. Hidden on a PC that is not joined to a hub."""

    def __init__(self, bridge, parent=None):
        super().__init__(parent)
        self.setObjectName("hubIndicator")
        self._state: dict = dict(getattr(bridge, "hub_state", {}) or {})
        bridge.hubStateChanged.connect(self.show_state)
        self.show_state(self._state)

    def show_state(self, state: dict) -> None:
        self._state = dict(state)
        role = state.get("role")
        if role not in ("joined", "hub", "stood_down"):
            self.setVisible(False)
            return
        spooled = state.get("spooled") or 0
        if role == "hub":
            text, tone = self.tr("Hub: PC ini"), "ok"
        elif role == "stood_down":
            text, tone = self.tr("Hub dipindah ke PC lain"), "warn"
        elif state.get("reachable"):
            host = urlsplit(state.get("hub_url") or "").hostname or "?"
            text, tone = self.tr("Hub: {name}").format(name=host), "ok"
        else:
            text, tone = self.tr("Hub tidak terhubung"), "error"
        if role == "joined":
            text += " · " + self.tr("{n} di spool").format(n=spooled)
            if spooled and tone == "ok":
                tone = "warn"
        self.setToolTip(state.get("error") or state.get("hub_url") or "")
        self.setText("● " + text)
        set_prop(self, "tone", tone)
        self.setVisible(True)

    def state(self) -> dict:
        return dict(self._state)


PRINTER_TEXT = {
    "ok": ("ok", "Printer: siap"),
    "busy": ("ok", "Printer: mencetak…"),
    "paper_near_end": ("warn", "Printer: kertas hampir habis"),
    "paper_out": ("error", "Printer: kertas habis"),
    "cover_open": ("error", "Printer: tutup terbuka"),
    "offline": ("error", "Printer: offline"),
    "error": ("error", "Printer: gagal mencetak"),
    "unknown": ("muted", "Printer: belum diketahui"),
    "disabled": ("muted", "Printer: modul cetak belum ada"),
}


class PrinterIndicator(Translatable, QLabel):
    """`● Printer: kertas habis · 2 menunggu`."""

    def __init__(self, bridge, parent=None):
        super().__init__(parent)
        self.setObjectName("printerIndicator")
        self._state: dict = dict(bridge.printer_state)
        bridge.printerStateChanged.connect(self.show_state)
        self.show_state(self._state)

    def show_state(self, state: dict) -> None:
        self._state = dict(state)
        key = state.get("state") or "unknown"
        if not state.get("enabled"):
            key = "disabled"
        tone, text = PRINTER_TEXT.get(key, PRINTER_TEXT["unknown"])
        text = self._label(key, text)
        waiting = state.get("jobs_waiting") or 0
        if waiting:
            text += " · " + self.tr("{n} menunggu").format(n=waiting)
            if tone == "ok":
                tone = "warn"
        self.setToolTip(state.get("message") or "")
        self.setText("● " + text)
        set_prop(self, "tone", tone)

    def _label(self, key: str, fallback: str) -> str:
        # Written out so lupdate sees every string.
        return {
            "ok": self.tr("Printer: siap"),
            "busy": self.tr("Printer: mencetak…"),
            "paper_near_end": self.tr("Printer: kertas hampir habis"),
            "paper_out": self.tr("Printer: kertas habis"),
            "cover_open": self.tr("Printer: tutup terbuka"),
            "offline": self.tr("Printer: offline"),
            "error": self.tr("Printer: gagal mencetak"),
            "unknown": self.tr("Printer: belum diketahui"),
            "disabled": self.tr("Printer: modul cetak belum ada"),
        }.get(key, fallback)

    def state(self) -> dict:
        return dict(self._state)
