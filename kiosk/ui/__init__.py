"""The desktop front end (PySide6): citizen kiosk, counter, TV display, setup wizard and admin panel.

A thin shell over the use cases (`kiosk.ops`): every user action and every read is one op through the
`UiContext` (`kiosk.ui.context`); no view opens a session or imports a domain module (checked by
tests/test_layers.py). Background workers (print spooler, sync scheduler: `kiosk.workers`) reach the
widgets only through `kiosk.ui.bridge.Bridge` signals; PySide6 is imported only through `kiosk.ui.qt`.

Nothing here imports Qt at package import time: `kiosk --help` (`kiosk.cli`) stays lean.
"""
