"""The central API behind its port: the sync client and engine, and the reference server."""
