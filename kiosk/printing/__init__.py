"""Printing: one small layout model rendered as ESC/POS bytes, PDF and PNG, and a print queue that loses nothing.

    document.py   the layout model (blocks) and the line layout every renderer shares
    templates.py  ticket, receipt, service information sheet and test page, built from domain objects
    escpos.py     ESC/POS bytes via python-escpos (its import side effects are contained there), profiles
    pdf.py        PDF via reportlab (roll-sized documents and the A4 daily report)
    preview.py    PNG via Pillow at the paper's dot width
    printers.py   printer URI -> device/transport, with status (DLE EOT) where the transport can read it
    spooler.py    the persisted queue's worker thread: order, retry with backoff, crash recovery
    service.py    queue helpers for front ends, and `print_and_wait` for the CLI
    report.py     the daily report (data + A4 PDF)

Nothing here imports Qt: the spooler reports through plain callbacks that a UI bridges to signals.
"""
