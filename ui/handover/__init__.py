"""Team-leader handover screen (团长交接)."""
