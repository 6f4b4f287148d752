"""The supplier inspection screen (飞行检查): ui/inspection/screen.py; screenshot states in
shots.py."""

from ui.inspection.shots import screenshot_states

__all__ = ["screenshot_states"]
