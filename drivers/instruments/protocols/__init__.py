"""One small module per instrument protocol; each defines a module-level `PROFILE`.

The registry (`drivers.instruments.registry`) finds them all, so adding a protocol is adding
a module here.
"""
