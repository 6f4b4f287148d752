"""Scanning: keyboard-wedge and serial handheld scanners, and the camera with its QR decoder.

wedge.py (key timing → scans), diagnose.py (layout/IME/truncation explained),
serial_scanner.py, camera.py (capture + decode threads), decoder.py / backends.py /
recover.py (zxing-cpp first, cheap repairs within a budget, pyzbar fallback), corpus.py
(camera-like test frames), simulator.py (demo camera and serial scanner), cli.py
(`kiosk decode`). See docs/scan.md.
"""
