"""Counters: the services each one calls (`counter.set`) and its state (`counter.state`)."""

from __future__ import annotations

from kiosk.ops import catalog, counters
from kiosk.ui.counter.supervisor.base import SupervisorPage, fill, make_table, selected_row
from kiosk.ui.qt import (
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    Qt,
    QVBoxLayout,
)


class ServiceItem:
    """One service's tick in the list, used like a check box (isChecked / setChecked)."""

    def __init__(self, item: QListWidgetItem):
        self.item = item

    def isChecked(self) -> bool:  # noqa: N802 (Qt's spelling)
        return self.item.checkState() == Qt.CheckState.Checked

    def setChecked(self, on: bool) -> None:  # noqa: N802
        self.item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


class CountersPage(SupervisorPage):
    """Each counter with its services and state; set the services of one (new or existing); open/pause/close."""

    def __init__(self, view):
        super().__init__(view)
        self.rows: list[dict] = []
        layout = QVBoxLayout(self)
        self.table = make_table(3)
        self.table.itemSelectionChanged.connect(self._selected)
        self.table.setMinimumHeight(110)
        layout.addWidget(self.table, 1)
        state_row = QHBoxLayout()
        self.reason = QLineEdit()
        self.reason.setMaxLength(80)
        self.state_buttons: dict[str, QPushButton] = {}
        for state in ("open", "paused", "closed"):
            button = QPushButton()
            button.clicked.connect(lambda _=False, st=state: self.set_state(st))
            self.state_buttons[state] = button
        state_row.addWidget(self.state_buttons["open"])
        state_row.addWidget(self.reason, 1)
        state_row.addWidget(self.state_buttons["paused"])
        state_row.addWidget(self.state_buttons["closed"])
        layout.addLayout(state_row)
        self.services_box = QGroupBox()
        box = QVBoxLayout(self.services_box)
        top = QHBoxLayout()
        self.number = QSpinBox()
        self.number.setRange(1, 99)
        self.number.valueChanged.connect(self._number_changed)
        self.save_button = QPushButton()
        self.save_button.setProperty("tone", "green")
        self.save_button.clicked.connect(self.save_services)
        top.addWidget(self.number)
        top.addStretch(1)
        top.addWidget(self.save_button)
        box.addLayout(top)
        # A checkable list (it scrolls): as many services as the catalog has, at any window size.
        self.service_list = QListWidget()
        self.service_list.setObjectName("counterServices")
        self.service_list.setMinimumHeight(150)
        self.service_boxes: dict[str, ServiceItem] = {}
        names = view.ctx.run(catalog.service_names)
        for code, info in sorted(names.items(), key=lambda kv: kv[1]["prefix"]):
            item = QListWidgetItem(f"{info['prefix']}  {code} — {info['name']}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.service_list.addItem(item)
            self.service_boxes[code] = ServiceItem(item)
        box.addWidget(self.service_list, 1)
        layout.addWidget(self.services_box, 2)
        layout.addWidget(self.message)
        self.retranslate()
        self._selected()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([self.tr("Loket"), self.tr("Status"), self.tr("Layanan")])
        self.state_buttons["open"].setText(self.tr("Buka"))
        self.state_buttons["paused"].setText(self.tr("Istirahat"))
        self.state_buttons["closed"].setText(self.tr("Tutup"))
        self.reason.setPlaceholderText(self.tr("Alasan istirahat (mis. sholat)"))
        self.services_box.setTitle(self.tr("Layanan yang dipanggil loket"))
        self.number.setPrefix(self.tr("Loket "))
        self.save_button.setText(self.tr("Simpan layanan loket"))

    def state_name(self, state: str) -> str:
        return {"open": self.tr("buka"), "paused": self.tr("istirahat"), "closed": self.tr("tutup")}.get(state, state)

    def refresh(self) -> None:
        chosen = self.selected()
        self.rows = self.act(counters.list_counters) or []
        fill(self.table, [[self.tr("Loket {n}").format(n=c["counter"]),
                           self.state_name(c["state"]) + (f" ({c['reason']})" if c.get("reason") else ""),
                           ", ".join(c["services"])] for c in self.rows])
        if chosen:
            self._select(chosen["counter"])
        self._selected()

    def selected(self) -> dict | None:
        row = selected_row(self.table)
        return self.rows[row] if row is not None and row < len(self.rows) else None

    def _select(self, number: int) -> None:
        for row, c in enumerate(self.rows):
            if c["counter"] == number:
                self.table.selectRow(row)

    def _selected(self) -> None:
        chosen = self.selected()
        for state, button in self.state_buttons.items():
            button.setEnabled(chosen is not None and chosen["state"] != state)
        if chosen is not None:
            self.number.setValue(chosen["counter"])
            self._number_changed(chosen["counter"])

    def _number_changed(self, number: int) -> None:
        row = next((c for c in self.rows if c["counter"] == number), None)
        services = set(row["services"]) if row else set()
        for code, check in self.service_boxes.items():
            check.setChecked(code in services)

    def save_services(self) -> None:
        chosen = [code for code, check in self.service_boxes.items() if check.isChecked()]
        number = self.number.value()
        if self.act(counters.set_counter, counter=number, services=chosen):
            self.refresh()
            self._select(number)
            self.say(self.tr("Loket {n} memanggil: {s}").format(n=number, s=", ".join(chosen) or "–"))

    def set_state(self, state: str) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        reason = self.reason.text().strip() or None if state == "paused" else None
        if self.act(counters.set_state, counter=chosen["counter"], state=state, reason=reason):
            self.reason.clear()
            self.refresh()
            self.say(None)
