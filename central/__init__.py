"""`kiosk-server`: the central MPP server (MPP Induk, Tenggarong) — sync API, back office and public status.

Stateless app processes over one database (PostgreSQL in production, SQLite for a single-machine demo):
everything that matters is in the database, so several processes can run behind a load balancer.
Imports nothing of the kiosk: what both sides share is the `mpp` package.
"""

__version__ = "0.1.0"
