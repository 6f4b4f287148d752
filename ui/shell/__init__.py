"""The shell: main window, navigation, status bar, login and kiosk mode."""
