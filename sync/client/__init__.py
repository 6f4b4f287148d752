"""Sync client."""
