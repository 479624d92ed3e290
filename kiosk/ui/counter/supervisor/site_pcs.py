"""The site's PCs on a hub: the joined PCs (`hub.clients`), pair a new one (`hub.pair`: a one-time code and
the hub's certificate fingerprint to compare), remove one (`hub.remove`: its token stops at once)."""

from __future__ import annotations

from datetime import datetime

from kiosk.ops import hub
from kiosk.ui.counter.supervisor.base import SupervisorPage, fill, make_table, selected_row
from kiosk.ui.qt import QFrame, QHBoxLayout, QLabel, QPushButton, Qt, QVBoxLayout


class SitePcsPage(SupervisorPage):
    def __init__(self, view):
        super().__init__(view)
        self.data: dict = {"role": None, "clients": []}
        layout = QVBoxLayout(self)
        self.role_label = QLabel()
        self.role_label.setWordWrap(True)
        layout.addWidget(self.role_label)
        self.table = make_table(3)
        self.table.itemSelectionChanged.connect(self._selected)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.pair_button = QPushButton()
        self.pair_button.setProperty("tone", "green")
        self.pair_button.clicked.connect(self.pair)
        self.remove_button = QPushButton()
        self.remove_button.setProperty("tone", "red")
        self.remove_button.clicked.connect(self.remove)
        row.addWidget(self.pair_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.pairing = QFrame()
        self.pairing.setObjectName("card")
        p = QVBoxLayout(self.pairing)
        self.code = QLabel()
        self.code.setObjectName("currentNumber")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pairing_info = QLabel()
        self.pairing_info.setWordWrap(True)
        self.pairing_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        p.addWidget(self.code)
        p.addWidget(self.pairing_info)
        self.pairing.hide()
        layout.addWidget(self.pairing)
        layout.addWidget(self.message)
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([self.tr("PC"), self.tr("Alamat"), self.tr("Terakhir terlihat")])
        self.pair_button.setText(self.tr("Pasangkan PC baru"))
        self.remove_button.setText(self.tr("Keluarkan"))
        self._show_role()

    def _show_role(self) -> None:
        role = self.data.get("role")
        if role == "hub":
            text = self.tr("PC ini adalah hub situs. PC lain bergabung dengan kode pasangan.")
        elif role == "joined":
            text = self.tr("PC ini bergabung ke hub {u}. Pasangkan dan keluarkan PC dari PC hub.").format(
                u=self.data.get("hub_url") or "?")
        elif role == "stood_down":
            text = self.tr("PC ini bukan hub lagi; hub sekarang {u}.").format(u=self.data.get("hub_url") or "?")
        else:
            text = self.tr("PC ini berdiri sendiri. Memasangkan PC baru menjadikannya hub situs.")
        self.role_label.setText(text)
        self.pair_button.setEnabled(role not in ("joined", "stood_down"))

    def refresh(self) -> None:
        self.data = self.act(hub.clients) or {"role": None, "clients": []}

        def when(value):
            return self._local(value, "%d-%m %H:%M") if value else "–"

        fill(self.table, [[c["name"], c.get("address") or "–", when(c.get("last_seen"))]
                          for c in self.data["clients"]])
        self._show_role()
        self._selected()

    def _selected(self) -> None:
        self.remove_button.setEnabled(selected_row(self.table) is not None)

    def pair(self) -> None:
        found = self.act(hub.pair)
        if not found:
            return
        self.code.setText(found["code"])
        self.pairing_info.setText(self.tr(
            "Di PC baru: pilih \"Gabung ke hub situs ini\" di wizard, atau ketik `kiosk join --code {c}`.\n"
            "Alamat hub: {u}\nSidik jari sertifikat (cocokkan di PC baru): {f}\nKode berlaku sekali, "
            "sampai {t}.").format(c=found["code"], u=", ".join(found.get("urls") or []), f=found["fingerprint"],
                                  t=self._local(found["expires_at"], "%H:%M")))
        self.pairing.show()
        self.refresh()

    def _local(self, iso: str, fmt: str) -> str:
        return self.view.ctx.clock.local(datetime.fromisoformat(iso)).strftime(fmt)

    def remove(self) -> None:
        row = selected_row(self.table)
        if row is None:
            return
        name = self.data["clients"][row]["name"]
        question = self.tr("Keluarkan {n} dari situs? Token PC itu langsung tidak berlaku.").format(n=name)
        if self.view.confirm(question) and self.act(hub.remove, name=name):
            self.pairing.hide()
            self.refresh()
            self.say(self.tr("{n} dikeluarkan dari situs.").format(n=name))
