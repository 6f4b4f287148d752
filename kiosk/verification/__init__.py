"""Pickup verification: what a scanned or typed text is, and the verdict for it (token, code, phone tail)."""
