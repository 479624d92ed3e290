"""Operator accounts: add, PIN reset, deactivate, role (`operator.add/reset_pin/deactivate/set_role`)."""

from __future__ import annotations

from kiosk.ops import operators
from kiosk.ui.counter.supervisor.base import SupervisorPage, fill, make_table, selected_row
from kiosk.ui.qt import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)


class OperatorsPage(SupervisorPage):
    """The accounts (table), a form to add one, and the actions on the selected one."""

    def __init__(self, view):
        super().__init__(view)
        self.rows: list[dict] = []
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        self.table = make_table(4)
        self.table.itemSelectionChanged.connect(self._selected)
        left.addWidget(self.table, 1)
        actions = QHBoxLayout()
        self.new_pin = QLineEdit()
        self.new_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_pin.setMaxLength(12)
        self.reset_button = QPushButton()
        self.reset_button.clicked.connect(self.reset_pin)
        self.role_combo = QComboBox()
        self.role_button = QPushButton()
        self.role_button.clicked.connect(self.set_role)
        self.deactivate_button = QPushButton()
        self.deactivate_button.setProperty("tone", "red")
        self.deactivate_button.clicked.connect(self.deactivate)
        for w in (self.new_pin, self.reset_button, self.role_combo, self.role_button, self.deactivate_button):
            actions.addWidget(w)
        left.addLayout(actions)
        left.addWidget(self.message)
        layout.addLayout(left, 3)

        self.add_box = QGroupBox()
        form = QFormLayout(self.add_box)
        self.username = QLineEdit()
        self.username.setMaxLength(32)
        self.full_name = QLineEdit()
        self.full_name.setMaxLength(120)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(12)
        self.add_role = QComboBox()
        self.add_button = QPushButton()
        self.add_button.setProperty("tone", "green")
        self.add_button.clicked.connect(self.add)
        self.form_labels = [QLabel() for _ in range(4)]
        for label, field in zip(self.form_labels, (self.username, self.full_name, self.pin, self.add_role),
                                strict=True):
            form.addRow(label, field)
        form.addRow(self.add_button)
        layout.addWidget(self.add_box, 2)
        for role in view.ctx.run(operators.roles):
            self.role_combo.addItem(self.role_name(role), role)
            self.add_role.addItem(self.role_name(role), role)
        self.retranslate()
        self._selected()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([self.tr("Nama pengguna"), self.tr("Nama"), self.tr("Peran"),
                                              self.tr("Status")])
        self.new_pin.setPlaceholderText(self.tr("PIN baru"))
        self.reset_button.setText(self.tr("Atur ulang PIN"))
        self.role_button.setText(self.tr("Ganti peran"))
        self.deactivate_button.setText(self.tr("Nonaktifkan"))
        self.add_box.setTitle(self.tr("Tambah petugas"))
        for label, text in zip(self.form_labels, (self.tr("Nama pengguna"), self.tr("Nama lengkap"),
                                                  self.tr("PIN (6 angka)"), self.tr("Peran")), strict=True):
            label.setText(text)
        self.add_button.setText(self.tr("Tambah"))
        for combo in (self.role_combo, self.add_role):
            for index in range(combo.count()):
                combo.setItemText(index, self.role_name(combo.itemData(index)))

    def role_name(self, role: str) -> str:
        return {"operator": self.tr("Petugas"), "supervisor": self.tr("Supervisor"),
                "technician": self.tr("Teknisi")}.get(role, role)

    def refresh(self) -> None:
        chosen = self.selected()
        self.rows = self.act(operators.list_operators) or []
        fill(self.table, [[o["username"], o["name"], self.role_name(o["role"]),
                           self.tr("aktif") if o["active"] else self.tr("nonaktif")] for o in self.rows])
        if chosen is not None:  # a refresh (another PC's commit) keeps what the supervisor was working on
            self._select(chosen["username"])
        self._selected()

    def selected(self) -> dict | None:
        row = selected_row(self.table)
        return self.rows[row] if row is not None and row < len(self.rows) else None

    def _selected(self) -> None:
        chosen = self.selected()
        usable = chosen is not None and chosen["active"]
        for w in (self.new_pin, self.reset_button, self.role_combo, self.role_button, self.deactivate_button):
            w.setEnabled(usable)
        if chosen is not None:
            self.role_combo.setCurrentIndex(max(0, self.role_combo.findData(chosen["role"])))

    def _select(self, username: str) -> None:
        for row, o in enumerate(self.rows):
            if o["username"] == username:
                self.table.selectRow(row)

    def add(self) -> None:
        created = self.act(operators.add_operator, username=self.username.text(), name=self.full_name.text(),
                           role=self.add_role.currentData(), pin=self.pin.text())
        if created:
            for field in (self.username, self.full_name, self.pin):
                field.clear()
            self.refresh()
            self._select(created["username"])
            self.say(self.tr("Petugas {u} ditambahkan.").format(u=created["username"]))

    def reset_pin(self) -> None:
        chosen = self.selected()
        if chosen and self.act(operators.reset_pin, username=chosen["username"], pin=self.new_pin.text()):
            self.new_pin.clear()
            self.say(self.tr("PIN {u} diatur ulang (dan kuncinya dibuka).").format(u=chosen["username"]))

    def set_role(self) -> None:
        chosen = self.selected()
        if chosen and self.act(operators.set_role, username=chosen["username"], role=self.role_combo.currentData()):
            self.refresh()
            self._select(chosen["username"])
            self.say(self.tr("Peran {u} diganti.").format(u=chosen["username"]))

    def deactivate(self) -> None:
        chosen = self.selected()
        if chosen and self.act(operators.deactivate, username=chosen["username"]):
            self.refresh()
            self.say(self.tr("Akun {u} dinonaktifkan.").format(u=chosen["username"]))
