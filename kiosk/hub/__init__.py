"""The site hub: several PCs of one Mini MPP sharing one site (DESIGN.md §3a).

Every PC keeps its own SQLite store. One PC per site is the **hub**: its store is the site's truth, it
serves the use cases (`kiosk.ops`) over HTTPS on the LAN and is the only one that syncs with central.
The other PCs **join** it: a site op they run goes to the hub with the same arguments and comes back
with the same result; they keep a read replica of the site (the hub's change log, pulled by cursor)
and a durable spool of the writes they made while the hub was away.

- `state`      which role this data dir plays, and the facts a role keeps (meta rows)
- `changelog`  the change log: a snapshot and the changes since a cursor, out of the hub's store and
               into a joined PC's replica
- `pairing`    pairing codes, device tokens, the proofs that bind a pairing code to the hub's certificate
- `requests`   running a joined PC's op on the hub exactly once (the answer is stored with the change)
- `spool`      a joined PC's writes while the hub is away, sent once when it is back
- `server`     the hub's HTTPS API (Starlette + uvicorn), its live events and its certificate
- `display`    the TV as a web page on its own plain-HTTP port (read-only, nothing personal), with the
               announcement audio rendered on the hub
- `remote`     a joined PC's side: routing ops to the hub, the replica or the spool
- `follower`   a joined PC's background worker: live events, replica pulls, spool, failover
"""
