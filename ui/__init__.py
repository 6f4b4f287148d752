"""PySide6 screens and widgets: the only Qt code. Imports kiosk and Qt, nothing else of ours."""
