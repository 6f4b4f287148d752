"""Live test mode: the live screen, the on-air window and their screenshot states."""

from ui.live.shots import screenshot_states

__all__ = ["screenshot_states"]
