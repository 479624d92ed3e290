"""Ticket and application statuses: names, labels, transitions and lifecycle order.

The site and central enforce the same tables: central refuses a site's status change that the site
itself could not have made (e.g. moving a forwarded file that MPP Induk owns).
"""

from __future__ import annotations

# --- tickets (antrian) -------------------------------------------------------------------------------

WAITING, CALLED, SERVING, DONE = "waiting", "called", "serving", "done"
NO_SHOW, TRANSFERRED, CANCELLED = "no_show", "transferred", "cancelled"
OPEN_TICKET_STATUSES = (WAITING, CALLED, SERVING, NO_SHOW)
FINISHING_TICKET_STATUSES = frozenset({DONE, NO_SHOW, CANCELLED, TRANSFERRED})
PRIORITIES = {"lansia": "Lansia", "disabilitas": "Disabilitas", "hamil": "Ibu hamil"}

# from -> allowed targets. Anything else is an illegal transition.
TICKET_TRANSITIONS: dict[str, set[str]] = {
    WAITING: {CALLED, CANCELLED},
    CALLED: {CALLED, SERVING, WAITING, NO_SHOW, CANCELLED},
    SERVING: {DONE, TRANSFERRED},
    NO_SHOW: {WAITING},
    DONE: set(),
    TRANSFERRED: set(),
    CANCELLED: set(),
}
TICKET_LABELS = {
    WAITING: "menunggu", CALLED: "dipanggil", SERVING: "dilayani", DONE: "selesai",
    NO_SHOW: "tidak hadir", TRANSFERRED: "dialihkan", CANCELLED: "dibatalkan",
}

# --- applications (permohonan) -------------------------------------------------------------------------

RECEIVED, FORWARDED, IN_PROCESS, READY = "received", "forwarded", "in_process", "ready"
HANDED_OVER, REJECTED = "handed_over", "rejected"
APPLICATION_STATUSES = (RECEIVED, FORWARDED, IN_PROCESS, READY, HANDED_OVER, REJECTED)
FINAL_APPLICATION_STATUSES = frozenset({HANDED_OVER, REJECTED})
APPLICATION_LABELS = {
    RECEIVED: "diterima", FORWARDED: "diteruskan ke MPP Induk", IN_PROCESS: "diproses",
    READY: "siap diambil", HANDED_OVER: "sudah diserahkan", REJECTED: "ditolak",
}
# from -> allowed targets for every service; LOCAL_SHORTCUTS only for services finished at the site.
APPLICATION_TRANSITIONS: dict[str, set[str]] = {
    RECEIVED: {FORWARDED, REJECTED},
    FORWARDED: {IN_PROCESS, REJECTED},
    IN_PROCESS: {READY, REJECTED},
    READY: {HANDED_OVER},
    HANDED_OVER: set(),
    REJECTED: set(),
}
LOCAL_SHORTCUTS: dict[str, set[str]] = {RECEIVED: {IN_PROCESS, READY}}
# MPP Induk owns a file's workflow once the site forwarded it; it may skip steps.
CENTRAL_TRANSITIONS: dict[str, set[str]] = {
    FORWARDED: {IN_PROCESS, READY, REJECTED},
    IN_PROCESS: {READY, REJECTED},
}
# Lifecycle order, so a stale status never moves an application backwards.
APPLICATION_RANK = {RECEIVED: 0, FORWARDED: 1, IN_PROCESS: 2, READY: 3, HANDED_OVER: 4, REJECTED: 4}


def site_transitions(status: str, service_mode: str) -> set[str]:
    """The statuses a site may move an application to from `status`, for a service of `service_mode`."""
    if service_mode == "forward" and status in (FORWARDED, IN_PROCESS):
        return set()  # MPP Induk owns the workflow once forwarded; its changes arrive by sync
    allowed = set(APPLICATION_TRANSITIONS.get(status, set()))
    if service_mode == "local":
        allowed |= LOCAL_SHORTCUTS.get(status, set())
    return allowed


def is_stale(current: str, target: str) -> bool:
    """True when `target` is not ahead of `current` in the lifecycle (or `current` is final)."""
    return current in FINAL_APPLICATION_STATUSES or APPLICATION_RANK[target] <= APPLICATION_RANK[current]
