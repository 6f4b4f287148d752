"""Linli Kiosk core: domain, local store, services and counter flows. No Qt, no I/O libraries."""

__version__ = "0.1.0"
