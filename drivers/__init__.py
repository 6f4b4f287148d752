"""Hardware behind the ports of kiosk.ports: scanners, camera, printers, instruments. No Qt."""
