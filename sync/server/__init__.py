"""Reference central server."""
