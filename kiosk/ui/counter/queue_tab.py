"""The queue tab: the counter's current ticket (large) with the F1–F6 actions, and who waits for it."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from kiosk.errors import KioskError
from kiosk.ops import queue
from kiosk.ui import i18n
from kiosk.ui.i18n import Translatable
from kiosk.ui.qt import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QKeySequence,
    QLabel,
    QPushButton,
    QShortcut,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from kiosk.ui.widgets.common import show_message

if TYPE_CHECKING:
    from kiosk.ui.counter.window import CounterView

# The buttons that move the active ticket, and the op each one is.
TICKET_OPS = {"recall": queue.recall, "start": queue.start_service, "finish": queue.finish,
              "no_show": queue.no_show, "return": queue.return_to_queue}


class TransferDialog(Translatable, QDialog):
    def __init__(self, services: list[dict], parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Transfer ke layanan lain"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Alihkan warga ini ke layanan:")))
        self.combo = QComboBox()
        for s in services:
            self.combo.addItem(f"{s['prefix']}  {s['name']}", s["code"])
        layout.addWidget(self.combo)
        buttons = QDialogButtonBox()
        ok = buttons.addButton(self.tr("Transfer"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setProperty("tone", "blue")
        buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> str:
        return self.combo.currentData()


class QueueTab(Translatable, QWidget):
    """Current ticket (large) with F1–F6 actions; the waiting tickets this counter can call."""

    ACTIONS = ("call", "recall", "start", "finish", "no_show", "transfer", "return")
    KEYS = {"call": "F1", "recall": "F2", "start": "F3", "finish": "F4", "no_show": "F5", "transfer": "F6"}

    def __init__(self, view: CounterView):
        super().__init__()
        self.view = view
        self.active: dict | None = None
        self.waiting: list[dict] = []
        self._not_configured: str | None = None
        self.actions: dict[str, bool] = view.ctx.run(queue.ticket_actions, status=None)
        layout = QHBoxLayout(self)
        layout.setSpacing(16)

        card = QFrame()
        card.setObjectName("card")
        left = QVBoxLayout(card)
        left.setSpacing(10)
        self.current_title = QLabel()
        self.current_title.setObjectName("pageTitle")
        self.number = QLabel("—")
        self.number.setObjectName("currentNumber")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.info = QLabel()
        self.info.setObjectName("currentInfo")
        self.info.setWordWrap(True)
        self.info.setAlignment(Qt.AlignmentFlag.AlignCenter)
        left.addWidget(self.current_title)
        left.addWidget(self.number)
        left.addWidget(self.info)
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(8)
        for index, action in enumerate(self.ACTIONS):
            button = QPushButton()
            button.setProperty("action", True)
            if action == "call":
                button.setProperty("tone", "green")
            elif action == "finish":
                button.setProperty("tone", "blue")
            button.clicked.connect(lambda _=False, a=action: self.run(a))
            grid.addWidget(button, index // 2, index % 2)
            self.buttons[action] = button
        left.addLayout(grid)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        left.addWidget(self.message)
        left.addStretch(1)
        layout.addWidget(card, 5)

        right = QVBoxLayout()
        self.waiting_title = QLabel()
        self.waiting_title.setObjectName("pageTitle")
        self.summary = QLabel()
        self.summary.setObjectName("hint")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        right.addWidget(self.waiting_title)
        right.addWidget(self.summary)
        right.addWidget(self.table, 1)
        layout.addLayout(right, 6)

        for action, key in self.KEYS.items():
            shortcut = QShortcut(QKeySequence(key), view)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda a=action: self.view.is_logged_in() and self.run(a))
        self.retranslate()

    def retranslate(self) -> None:
        labels = {
            "call": self.tr("Panggil berikutnya"), "recall": self.tr("Panggil ulang"), "start": self.tr("Layani"),
            "finish": self.tr("Selesai"), "no_show": self.tr("Tidak hadir"), "transfer": self.tr("Transfer…"),
            "return": self.tr("Kembalikan ke antrian"),
        }
        for action, button in self.buttons.items():
            key = self.KEYS.get(action)
            button.setText(f"{key}   {labels[action]}" if key else labels[action])
        self.waiting_title.setText(self.tr("Menunggu"))
        self.table.setHorizontalHeaderLabels([self.tr("Nomor"), self.tr("Layanan"), self.tr("Prioritas"),
                                              self.tr("Menunggu")])
        self.show_data()

    def refresh(self) -> None:
        """The counter's panel (`queue.counter_panel`): its active ticket, who waits, the buttons that apply."""
        view = self.view
        try:
            panel = view.act(queue.counter_panel, counter=view.ctx.counter)
        except KioskError as exc:  # e.g. this counter has no services yet: said in place of the summary
            self.active, self.waiting = None, []
            self.actions = view.ctx.run(queue.ticket_actions, status=None)
            self._not_configured = str(exc)
        else:
            self._not_configured = None
            self.active, self.waiting, self.actions = panel["active"], panel["waiting"], panel["actions"]
        self.show_data()

    def show_data(self) -> None:
        active = self.active
        lang = self.language()
        if active is None:
            self.current_title.setText(self.tr("Tidak ada tiket aktif"))
            self.number.setText("—")
            self.info.setText(self.tr("Tekan F1 untuk memanggil nomor berikutnya."))
        else:
            self.current_title.setText(self.tr("Sedang dilayani") if active["status"] == "serving"
                                       else self.tr("Dipanggil"))
            self.number.setText(active["number"])
            parts = [self.view.service_label(active["service"])]
            if active.get("priority"):
                parts.append("★ " + i18n.label(i18n.PRIORITY, active["priority"], lang))
            if active.get("recall_count"):
                parts.append(self.tr("dipanggil ulang {n}×").format(n=active["recall_count"]))
            self.info.setText("  ·  ".join(parts))
        for action, button in self.buttons.items():
            button.setEnabled(bool(self.actions.get(action)))
        now = self.view.ctx.now()
        self.table.setRowCount(len(self.waiting))
        counts: dict[str, int] = {}
        for row, t in enumerate(self.waiting):
            counts[t["service"]] = counts.get(t["service"], 0) + 1
            minutes = max(0, int((now - datetime.fromisoformat(t["arrival_at"])).total_seconds() // 60))
            priority = ("★ " + i18n.label(i18n.PRIORITY, t["priority"], lang)) if t["priority"] else ""
            values = [t["number"], self.view.service_label(t["service"]), priority,
                      self.tr("{m} menit").format(m=minutes)]
            for col, value in enumerate(values):
                item = self.table.item(row, col)
                if item is None:
                    item = QTableWidgetItem()
                    self.table.setItem(row, col, item)
                item.setText(value)
        if self._not_configured:
            self.summary.setText(self._not_configured)
        else:
            summary = "  ·  ".join(f"{code}: {n}" for code, n in sorted(counts.items()))
            self.summary.setText(summary or self.tr("Tidak ada yang menunggu."))

    def say(self, text: str | None, error: bool = False) -> None:
        show_message(self.message, text, "fieldError" if error else "fieldOk")

    def run(self, action: str) -> None:
        """One button (or F-key) = one op; a refusal (nobody waiting, a ticket in another state) is said here."""
        view = self.view
        if view.operator is None:
            return
        if action == "transfer":
            target = view.ask_transfer(self.active["service"] if self.active else None)
            if not target:
                return
            self.transfer_to(target)
            return
        counter = view.ctx.counter
        try:
            if action == "call":
                result = view.act(queue.call_next, counter=counter)
            elif self.active is None:
                return
            else:
                result = view.act(TICKET_OPS[action], ticket=self.active["id"], counter=counter)
        except KioskError as exc:
            self.say(str(exc), error=True)
            self.refresh()
            return
        done = {
            "call": self.tr("Nomor {n} dipanggil ke loket {c}."), "recall": self.tr("Nomor {n} dipanggil ulang."),
            "start": self.tr("Melayani {n}."), "finish": self.tr("{n} selesai."),
            "no_show": self.tr("{n} tidak hadir."), "return": self.tr("{n} dikembalikan ke antrian."),
        }[action]
        self.say(done.format(n=result["number"], c=counter))
        self.refresh()

    def transfer_to(self, service_code: str) -> None:
        """`ticket.transfer` with print: the citizen's new ticket (keeping their place) comes out of the printer."""
        view = self.view
        if view.operator is None or self.active is None:
            return
        try:
            new = view.act(queue.transfer, ticket=self.active["id"], to_service=service_code,
                           counter=view.ctx.counter, print=True)
        except KioskError as exc:
            self.say(str(exc), error=True)
            return
        self.say(self.tr("Dialihkan: nomor baru {n} ({s}); tiketnya dicetak untuk warga.").format(
            n=new["number"], s=new["service"]))
        self.refresh()
