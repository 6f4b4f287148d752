"""Devices screen (设备) for the manager."""
