"""Orders, history and the overdue list (订单 / 滞留)."""
