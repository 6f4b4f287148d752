"""Shift close screen (交班)."""
