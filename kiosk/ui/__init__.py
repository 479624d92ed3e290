"""The desktop front end (PySide6): citizen kiosk, counter, TV display, setup wizard and admin panel.

A thin shell over the Qt-free domain (`kiosk.tickets`, `kiosk.applications`, ...): every user action
is one domain call in one `store.transaction()`. Background workers (print spooler, sync scheduler)
reach the widgets only through `kiosk.ui.bridge.Bridge` signals.

Nothing here imports Qt at package import time: `kiosk.ui.commands` is loaded by `kiosk --help`.
"""
