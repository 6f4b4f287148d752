"""Running a store for months: backups, restore, integrity at start, diagnostics (`kiosk
doctor`), log files and the clock. Qt-free; stdlib and SQLAlchemy only (docs/operations.md).
"""
