"""Sync with the central MPP server: push the outbox, pull central's decisions. No Qt here.

  (the wire format itself is mpp.wire, shared with central/)
  client.py     HTTP calls (requests), typed errors, clock skew
  engine.py     one run: push then pull, under the data dir's `sync.lock`; enrollment
  scheduler.py  the background thread (APScheduler): periodic, nudged, backing off; plain callbacks
  commands.py   `kiosk enroll`, `kiosk sync`, `kiosk sync status`

A GUI wires it as: `sched = SyncScheduler(SyncEngine.for_app(app)); sched.add_listener(bridge.on_sync_state);
sched.start()`, calls `sched.nudge()` after each committed local change, and `sched.shutdown()` on exit.
"""
