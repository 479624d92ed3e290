"""The queue tab: the counter's current ticket (large) with its service timer and the F1–F7 actions, the
counter's state (buka / istirahat / tutup), the operator's figures today, and who waits (here, or the site)."""

from __future__ import annotations

import time
from datetime import datetime
from typing import TYPE_CHECKING

from kiosk.errors import KioskError, QueueEmpty
from kiosk.ops import counters, queue, reports
from kiosk.ui import i18n
from kiosk.ui.i18n import Translatable
from kiosk.ui.qt import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QKeySequence,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QShortcut,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from kiosk.ui.widgets.common import show_message

if TYPE_CHECKING:
    from kiosk.ui.counter.host import CounterHost

FIGURES_SECONDS = 30  # the operator's figures are recomputed at most this often (and after their own action)

# The buttons that move the active ticket, and the op each one is.
TICKET_OPS = {"recall": queue.recall, "start": queue.start_service, "finish": queue.finish,
              "no_show": queue.no_show, "return": queue.return_to_queue}


class TransferDialog(Translatable, QDialog):
    """Send the citizen on: to another service (a new number) or to another counter (same service)."""

    def __init__(self, services: list[dict], counters_: list[dict] | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Transfer"))
        layout = QVBoxLayout(self)
        self.to_service = QRadioButton(self.tr("Ke layanan lain:"))
        self.to_service.setChecked(True)
        self.combo = QComboBox()
        for s in services:
            self.combo.addItem(f"{s['prefix']}  {s['name']}", s["code"])
        self.to_counter = QRadioButton(self.tr("Ke loket lain (layanan sama):"))
        self.counter_combo = QComboBox()
        for c in counters_ or []:
            self.counter_combo.addItem(self.tr("Loket {n}").format(n=c["counter"]) + f"  ({', '.join(c['services'])})",
                                       c["counter"])
        group = QButtonGroup(self)
        group.addButton(self.to_service)
        group.addButton(self.to_counter)
        self.to_counter.setEnabled(self.counter_combo.count() > 0)
        for widget in (self.to_service, self.combo, self.to_counter, self.counter_combo):
            layout.addWidget(widget)
        self.counter_combo.activated.connect(lambda _i: self.to_counter.setChecked(True))
        self.combo.activated.connect(lambda _i: self.to_service.setChecked(True))
        buttons = QDialogButtonBox()
        ok = buttons.addButton(self.tr("Transfer"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setProperty("tone", "blue")
        buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> dict:
        """{to_service: code} or {to_counter: n}: the arguments of `ticket.transfer`."""
        if self.to_counter.isChecked():
            return {"to_counter": self.counter_combo.currentData()}
        return {"to_service": self.combo.currentData()}


def mmss(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


class QueueTab(Translatable, QWidget):
    """Current ticket (large) with its timer and the F1–F7 actions; the counter's state; the waiting list."""

    ACTIONS = ("next", "recall", "start", "finish", "no_show", "transfer", "return")
    KEYS = {"next": "F1", "recall": "F2", "start": "F3", "finish": "F4", "no_show": "F5", "transfer": "F6"}
    CALL_NUMBER_KEY = "F7"

    def __init__(self, view: CounterHost):
        super().__init__()
        self.view = view
        self.active: dict | None = None
        self.waiting: list[dict] = []
        self.site_waiting: list[dict] = []
        self.state: dict = {"state": "open", "reason": None}
        self.mine: dict | None = None
        self._figures_at, self._figures_for = -FIGURES_SECONDS, None
        self._not_configured: str | None = None
        self.actions: dict[str, bool] = view.ctx.run(queue.ticket_actions, status=None)
        layout = QHBoxLayout(self)
        layout.setSpacing(16)

        card = QFrame()
        card.setObjectName("card")
        left = QVBoxLayout(card)
        left.setSpacing(8)
        top = QHBoxLayout()
        self.current_title = QLabel()
        self.current_title.setObjectName("pageTitle")
        self.timer_label = QLabel()
        self.timer_label.setObjectName("serviceTimer")
        self.timer_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.current_title, 1)
        top.addWidget(self.timer_label)
        left.addLayout(top)
        self.number = QLabel("—")
        self.number.setObjectName("currentNumber")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.info = QLabel()
        self.info.setObjectName("currentInfo")
        self.info.setWordWrap(True)
        self.info.setAlignment(Qt.AlignmentFlag.AlignCenter)
        left.addWidget(self.number)
        left.addWidget(self.info)
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(8)
        for index, action in enumerate(self.ACTIONS):
            button = QPushButton()
            button.setProperty("action", True)
            if action == "next":
                button.setProperty("tone", "green")
            elif action == "finish":
                button.setProperty("tone", "blue")
            button.clicked.connect(lambda _=False, a=action: self.run(a))
            if action == "next":  # the one key per citizen spans the row
                grid.addWidget(button, 0, 0, 1, 2)
            else:
                grid.addWidget(button, 1 + (index - 1) // 2, (index - 1) % 2)
            self.buttons[action] = button
        left.addLayout(grid)
        call_row = QHBoxLayout()
        self.number_input = QLineEdit()
        self.number_input.setObjectName("callNumber")
        self.number_input.setMaxLength(8)
        self.number_input.returnPressed.connect(self.call_number)
        self.call_number_button = QPushButton()
        self.call_number_button.clicked.connect(self.call_number)
        call_row.addWidget(self.number_input, 1)
        call_row.addWidget(self.call_number_button)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        left.addWidget(self.message)
        left.addStretch(1)
        self.figures = QLabel()
        self.figures.setObjectName("hint")
        self.figures.setWordWrap(True)
        left.addWidget(self.figures)
        state_row = QHBoxLayout()
        self.state_label = QLabel()
        self.state_label.setObjectName("counterState")
        self.state_label.setWordWrap(True)
        self.state_buttons: dict[str, QPushButton] = {}
        for state in ("open", "paused", "closed"):
            button = QPushButton()
            button.clicked.connect(lambda _=False, st=state: self.set_state(st))
            state_row.addWidget(button)
            self.state_buttons[state] = button
        state_row.addStretch(1)
        layout.addWidget(card, 5)

        right = QVBoxLayout()
        head = QHBoxLayout()
        self.waiting_title = QLabel()
        self.waiting_title.setObjectName("pageTitle")
        self.whole_site = QCheckBox()
        self.whole_site.toggled.connect(lambda _on: self.show_data())
        head.addWidget(self.waiting_title, 1)
        self.summary = QLabel()
        self.summary.setObjectName("hint")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setAlternatingRowColors(True)
        self.table.cellDoubleClicked.connect(self._row_double_clicked)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        right.addLayout(head)
        right.addWidget(self.summary)
        right.addWidget(self.table, 1)
        # Beside the list, not under the buttons: the card keeps the height of the F-keys alone (the `all`
        # role stacks the counter over the TV on one screen).
        right.addWidget(self.whole_site)
        right.addLayout(call_row)
        right.addWidget(self.state_label)
        right.addLayout(state_row)
        layout.addLayout(right, 6)

        for action, key in self.KEYS.items():
            shortcut = QShortcut(QKeySequence(key), view)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda a=action: self.view.is_logged_in() and self.run(a))
        focus = QShortcut(QKeySequence(self.CALL_NUMBER_KEY), view)
        focus.setContext(Qt.ShortcutContext.WindowShortcut)
        focus.activated.connect(self._focus_number)
        self.clock = QTimer(self)
        self.clock.setInterval(1000)
        self.clock.timeout.connect(self.show_timer)
        self.clock.start()
        self.retranslate()

    def retranslate(self) -> None:
        labels = {
            "next": self.tr("Panggil berikutnya"), "recall": self.tr("Panggil ulang"), "start": self.tr("Layani"),
            "finish": self.tr("Selesai"), "no_show": self.tr("Tidak hadir"), "transfer": self.tr("Transfer…"),
            "return": self.tr("Kembalikan ke antrian"),
        }
        if self.active is not None and self.active["status"] == "serving":
            labels["next"] = self.tr("Selesai & panggil berikutnya")
        elif self.active is not None and self.active["status"] == "called":
            labels["next"] = self.tr("Layani (warga sudah datang)")
        for action, button in self.buttons.items():
            key = self.KEYS.get(action)
            label = labels[action].replace("&", "&&")  # a literal "&", not a mnemonic
            button.setText(f"{key}   {label}" if key else label)
        self.number_input.setPlaceholderText(self.tr("Nomor, mis. A-005"))
        self.call_number_button.setText(f"{self.CALL_NUMBER_KEY}   " + self.tr("Panggil nomor ini"))
        self.state_buttons["open"].setText(self.tr("Buka"))
        self.state_buttons["paused"].setText(self.tr("Istirahat…"))
        self.state_buttons["closed"].setText(self.tr("Tutup"))
        self.whole_site.setText(self.tr("Seluruh antrian situs"))
        self.table.setHorizontalHeaderLabels([self.tr("Nomor"), self.tr("Layanan"), self.tr("Prioritas"),
                                              self.tr("Menunggu"), self.tr("Loket")])
        self.show_data()

    def _focus_number(self) -> None:
        if self.view.is_logged_in():
            self.view.tabs.setCurrentWidget(self)
            self.number_input.setFocus()
            self.number_input.selectAll()

    def refresh(self) -> None:
        """The counter's panel (`queue.counter_panel`), the site's open tickets (`queue.list`) and the
        operator's figures today (`report.daily`)."""
        view = self.view
        try:
            panel = view.act(queue.counter_panel, counter=view.ctx.counter)
        except KioskError as exc:  # e.g. this counter has no services yet: said in place of the summary
            self.active, self.waiting = None, []
            self.actions = view.ctx.run(queue.ticket_actions, status=None)
            self.state = {"state": None, "reason": None}
            self._not_configured = str(exc)
        else:
            self._not_configured = None
            self.active, self.waiting, self.actions = panel["active"], panel["waiting"], panel["actions"]
            self.state = {"state": panel["state"], "reason": panel["reason"]}
        try:
            self.site_waiting = [t for t in view.act(queue.open_queue) if t["status"] == "waiting"]
        except KioskError:
            self.site_waiting = []
        self._refresh_figures()
        self.retranslate()

    def _refresh_figures(self, now: bool = False) -> None:
        """The operator's own figures (`report.daily`, a whole day's arithmetic): after their own action, else
        at most every FIGURES_SECONDS, not at every commit another counter makes."""
        username = self.view.actor()
        if not now and username == self._figures_for and time.monotonic() - self._figures_at < FIGURES_SECONDS:
            return
        self._figures_at, self._figures_for = time.monotonic(), username
        try:
            report = self.view.act(reports.daily_report)
        except KioskError:
            return
        self.mine = next((o for o in report.get("operators", []) if o["operator"] == username), None)

    def show_timer(self) -> None:
        """mm:ss since the citizen sat down (serving) or was called; ticks every second."""
        active = self.active
        start = None
        if active is not None:
            start = active.get("started_at") if active["status"] == "serving" else active.get("called_at")
        if not start:
            self.timer_label.setText("")
            return
        seconds = (self.view.ctx.now() - datetime.fromisoformat(start)).total_seconds()
        label = self.tr("Dilayani") if active["status"] == "serving" else self.tr("Dipanggil")
        self.timer_label.setText(f"{label} {mmss(seconds)}")

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
        self.show_timer()
        for action, button in self.buttons.items():
            allowed = self.actions.get(action)
            if action == "next":  # call, serve the one called, or finish and call the next: F1 all day
                allowed = self.actions.get("next", self.actions.get("call")) or (
                    active is not None and active["status"] == "called" and self.actions.get("start"))
            button.setEnabled(bool(allowed))
        open_ = self.state.get("state") == "open"
        self.call_number_button.setEnabled(open_ and active is None)
        self.number_input.setEnabled(open_ and active is None)
        self._show_state()
        self._show_figures()
        rows = self.site_waiting if self.whole_site.isChecked() else self.waiting
        now = self.view.ctx.now()
        self.table.setRowCount(len(rows))
        counts: dict[str, int] = {}
        for row, t in enumerate(rows):
            counts[t["service"]] = counts.get(t["service"], 0) + 1
            minutes = max(0, int((now - datetime.fromisoformat(t["arrival_at"])).total_seconds() // 60))
            priority = ("★ " + i18n.label(i18n.PRIORITY, t["priority"], lang)) if t["priority"] else ""
            values = [t["number"], self.view.service_label(t["service"]), priority,
                      self.tr("{m} menit").format(m=minutes),
                      str(t["assigned_counter"]) if t.get("assigned_counter") else ""]
            for col, value in enumerate(values):
                item = self.table.item(row, col)
                if item is None:
                    item = QTableWidgetItem()
                    self.table.setItem(row, col, item)
                item.setText(value)
        self.waiting_title.setText(self.tr("Menunggu ({n})").format(n=len(rows)))
        if self._not_configured:
            self.summary.setText(self._not_configured)
        else:
            summary = "  ·  ".join(f"{code}: {n}" for code, n in sorted(counts.items()))
            self.summary.setText(summary or self.tr("Tidak ada yang menunggu."))

    def _show_state(self) -> None:
        state, reason = self.state.get("state"), self.state.get("reason")
        if state == "paused":
            text = self.tr("Loket istirahat") + (f": {reason}" if reason else "")
        elif state == "closed":
            text = self.tr("Loket tutup")
        elif state == "open":
            text = self.tr("Loket buka")
        else:
            text = ""
        self.state_label.setText(text)
        for key, button in self.state_buttons.items():
            button.setEnabled(state is not None and key != state)

    def _show_figures(self) -> None:
        mine = self.mine
        if not mine or not mine.get("served"):
            self.figures.setText(self.tr("Hari ini Anda: belum ada warga selesai dilayani."))
            return
        median = mine["service_time"].get("median")
        text = self.tr("Hari ini Anda: {n} warga dilayani").format(n=mine["served"])
        if median is not None:
            text += " · " + self.tr("waktu layanan median {m} menit").format(m=str(median).replace(".", ","))
        self.figures.setText(text)

    def say(self, text: str | None, error: bool = False, info: bool = False) -> None:
        show_message(self.message, text, "fieldError" if error else "fieldInfo" if info else "fieldOk")

    def _empty(self) -> None:
        """Nobody waits: neutral information, not an error."""
        self.say(self.tr("Tidak ada yang menunggu untuk loket ini."), info=True)

    def run(self, action: str) -> None:
        """One button (or F-key) = one op; a refusal (a ticket in another state) is said here."""
        view = self.view
        if view.operator is None:
            return
        if action == "transfer":
            if self.active is None:
                return
            target = view.ask_transfer(self.active["service"])
            if not target:
                return
            self.transfer_to(target)
            return
        counter = view.ctx.counter
        finished = None
        if action == "next" and self.active is not None and self.active["status"] == "called":
            action = "start"  # F1 is the citizen's next step: the one called has come to the counter
        try:
            if action == "next":
                serving = self.active is not None and self.active["status"] == "serving"
                try:
                    result = view.act(queue.next_citizen, counter=counter)
                except QueueEmpty:
                    if not serving:
                        raise
                    # The last citizen: finished, and nobody else waits.
                    done = view.act(queue.finish, ticket=self.active["id"], counter=counter)
                    self._figures_at = -FIGURES_SECONDS
                    self.refresh()
                    self.say(self.tr("{n} selesai. Tidak ada yang menunggu untuk loket ini.").format(
                        n=done["number"]), info=True)
                    return
                finished = result.get("finished")
            elif self.active is None:
                return
            else:
                result = view.act(TICKET_OPS[action], ticket=self.active["id"], counter=counter)
        except QueueEmpty:
            self._empty()
            self.refresh()
            return
        except KioskError as exc:
            self.say(str(exc), error=True)
            self.refresh()
            return
        done = {
            "next": self.tr("Nomor {n} dipanggil ke loket {c}."), "recall": self.tr("Nomor {n} dipanggil ulang."),
            "start": self.tr("Melayani {n}."), "finish": self.tr("{n} selesai."),
            "no_show": self.tr("{n} tidak hadir."), "return": self.tr("{n} dikembalikan ke antrian."),
        }[action]
        self._figures_at = -FIGURES_SECONDS  # the operator's own action: their figures change now
        text = done.format(n=result["number"], c=counter)
        if finished:
            text = self.tr("{n} selesai.").format(n=finished) + " " + text
        self.say(text)
        self.refresh()

    def _row_double_clicked(self, row: int, _column: int) -> None:
        """A waiting number double-clicked in the list: call it (as F7 with that number)."""
        item = self.table.item(row, 0)
        if item is not None and self.number_input.isEnabled():
            self.number_input.setText(item.text())
            self.call_number()

    def call_number(self) -> None:
        """`ticket.call --number`: a given waiting number, out of order (a citizen who came back)."""
        view = self.view
        number = self.number_input.text().strip()
        if view.operator is None or not number:
            return
        try:
            result = view.act(queue.call_next, counter=view.ctx.counter, number=number)
        except KioskError as exc:
            self.say(str(exc), error=True)
            return
        self.number_input.clear()
        self.say(self.tr("Nomor {n} dipanggil ke loket {c}.").format(n=result["number"], c=view.ctx.counter))
        self.refresh()

    def set_state(self, state: str) -> None:
        """`counter.state`: buka, istirahat (with a reason asked for) or tutup."""
        view = self.view
        if view.operator is None:
            return
        reason = None
        if state == "paused":
            reason = view.ask_reason()
            if reason is None:
                return
        try:
            view.act(counters.set_state, counter=view.ctx.counter, state=state, reason=reason or None)
        except KioskError as exc:
            self.say(str(exc), error=True)
            return
        self.say(None)
        self.refresh()

    def transfer_to(self, target: dict | str) -> None:
        """`ticket.transfer` with print: the citizen's new ticket (keeping their place) comes out of the printer.
        `target` is {to_service: code} or {to_counter: n} (a bare string is a service code)."""
        view = self.view
        if view.operator is None or self.active is None:
            return
        if isinstance(target, str):
            target = {"to_service": target}
        try:
            new = view.act(queue.transfer, ticket=self.active["id"], counter=view.ctx.counter, print=True,
                           **target)
        except KioskError as exc:
            self.say(str(exc), error=True)
            return
        if target.get("to_counter"):
            text = self.tr("Dialihkan ke loket {c}: nomor baru {n}; tiketnya dicetak untuk warga.").format(
                c=target["to_counter"], n=new["number"])
        else:
            text = self.tr("Dialihkan: nomor baru {n} ({s}); tiketnya dicetak untuk warga.").format(
                n=new["number"], s=new["service"])
        self.say(text)
        self.refresh()
