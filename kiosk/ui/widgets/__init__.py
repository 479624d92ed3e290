"""Shared widgets: big touch tiles, on-screen keypad, status indicators, running text, clock."""
