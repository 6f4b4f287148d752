"""Icons, styles, translations, fonts, receipt logo (read with importlib.resources)."""
