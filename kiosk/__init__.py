"""Mini MPP Kiosk: offline-first queue, intake and receipts for the Mini MPP counters of Kutai Kartanegara."""

__version__ = "0.1.0"
