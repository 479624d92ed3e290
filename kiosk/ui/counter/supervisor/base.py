"""What every supervisor page shares: the counter view, a message line, a table helper."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kiosk.errors import KioskError
from kiosk.ui.i18n import Translatable
from kiosk.ui.qt import QAbstractItemView, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QWidget
from kiosk.ui.widgets.common import show_message

if TYPE_CHECKING:
    from kiosk.ui.counter.host import CounterHost


class SupervisorPage(Translatable, QWidget):
    """One page of the supervisor tab; `refresh()` when shown, `act()` runs one op and says a refusal."""

    def __init__(self, view: CounterHost):
        super().__init__()
        self.view = view
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()

    def retranslate(self) -> None:  # pages override
        pass

    def refresh(self) -> None:  # pages override
        pass

    def say(self, text: str | None, error: bool = False) -> None:
        show_message(self.message, text, "fieldError" if error else "fieldOk")

    def act(self, func, /, **kwargs) -> Any:
        """One op as the signed-in supervisor; a refusal is said on the page and None returned."""
        try:
            result = self.view.act(func, **kwargs)
        except KioskError as exc:
            self.say(str(exc), error=True)
            return None
        return result


def make_table(columns: int, select_rows: bool = True) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    if select_rows:
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    else:
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def fill(table: QTableWidget, rows: list[list]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))


def selected_row(table: QTableWidget) -> int | None:
    rows = table.selectionModel().selectedRows()
    return rows[0].row() if rows else None


def minutes(value) -> str:
    return "–" if value is None else str(value).replace(".", ",")
