"""The operator's counter app (keyboard first), one module per thing the operator sees:

- `window`          CounterView: the main window — sign-in page or the tabs, the status bar, sign-out
- `signin`          LoginPage: username + PIN
- `queue_tab`       QueueTab (the current ticket and its timer, F1–F7, the counter's state, who waits) and TransferDialog
- `intake_tab`      IntakeTab: a new application (permohonan) with live checks and a draft
- `search_tab`      ApplicationsTab: find an application, its timeline, hand over, reprint the receipt
- `supervisor_tab`  SupervisorTab: pages in `supervisor/` (figures and reports, operators, counters, running
                   text, print queue, the site's PCs)

F1 the citizen's next step (Panggil berikutnya → Layani → Selesai & panggil berikutnya) · F2 Panggil ulang · F3 Layani · F4 Selesai · F5 Tidak hadir · F6 Transfer · F7 Panggil nomor.
Every action and every read is one op (`kiosk.ops`) through the UiContext, as the signed-in operator;
the rules (which buttons apply, who sees the supervisor tab, what a valid NIK is) come from the ops, and
their messages are shown where the operator is looking.
"""

from kiosk.ui.counter.window import CounterView

__all__ = ["CounterView"]
