"""Printing: printer-neutral documents, their layout model, preview and the print queue.

Kept import-free on purpose: `layout` is a pure value module that drivers may import without
pulling the database in through `queue` or `gather`.
"""
