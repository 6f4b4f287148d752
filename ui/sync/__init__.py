"""Sync screen (同步) for the manager."""
