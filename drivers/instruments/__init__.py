"""instruments drivers."""
