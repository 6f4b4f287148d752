"""Fixtures of the operations tests live in ops_world.py (importable by the test modules)."""

from ops_world import data_dir, restore_root_logging, small_fs, world

__all__ = ["data_dir", "restore_root_logging", "small_fs", "world"]
