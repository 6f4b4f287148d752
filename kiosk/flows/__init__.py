"""Qt-free counter flows (pickup, batch check-in, handover). Screens only draw their state."""
