"""Batch check-in screen (到货签收)."""
