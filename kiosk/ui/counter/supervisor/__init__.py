"""The supervisor's pages in the counter app (one small module each), gathered by `SupervisorTab`:

- `today`          today's figures (waiting, wait and service time per service and per operator, no-shows),
                   the daily report PDF, the SKM report PDF, today's IKM
- `operators`      operator accounts: add, PIN reset, deactivate, role
- `counters`       counters: the services each calls, open / istirahat / tutup
- `announcements`  the TV's running text: the site's own lines (central's are shown, not edited)
- `printq`         this PC's print queue by ticket number / registration number: retry, reprint
- `site_pcs`       the site's PCs on a hub: the joined PCs, pair a new one (code + fingerprint), remove one

Every action is one op; which pages a role sees follows `kiosk.auth.PERMISSIONS` (through `operator.may`).
"""
