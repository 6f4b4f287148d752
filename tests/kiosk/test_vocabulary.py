"""Order statuses and verdicts are words of one enum each (OrderStatus, VerdictName), not
string literals: a typo in a literal (`"canceled"`) compares false forever and nobody
notices. This walks the core modules and refuses a status or verdict word written as a
literal where it is compared, filtered on or assigned as a status."""

from __future__ import annotations

import ast
from pathlib import Path

from kiosk.ledger.order_state import OrderStatus
from kiosk.verification.verdicts import VerdictName

ROOT = Path(__file__).resolve().parents[2]
WORDS = {str(s) for s in OrderStatus} | {str(v) for v in VerdictName}
CHECKED = [
    *sorted(p for p in (ROOT / "kiosk" / "services").glob("*.py") if p.name != "pickup.py"),
    *sorted((ROOT / "kiosk" / "printing").glob("*.py")),
    ROOT / "kiosk" / "flows" / "checkin.py",
    ROOT / "kiosk" / "flows" / "handover.py",
    ROOT / "kiosk" / "demo.py",
    *sorted((ROOT / "kiosk" / "cli").glob("*.py")),
]


def _words_in(node: ast.AST) -> list[ast.Constant]:
    """Status/verdict literals in a compared value (a constant or a tuple/list/set of them)."""
    items = node.elts if isinstance(node, ast.Tuple | ast.List | ast.Set) else [node]
    return [c for c in items if isinstance(c, ast.Constant) and c.value in WORDS]


def _sets_a_status(node: ast.AST) -> bool:
    """`Order(status=…)` or `order.status = …`."""
    if isinstance(node, ast.keyword):
        return node.arg in ("status", "verdict")
    return isinstance(node, ast.Assign) and any(
        isinstance(t, ast.Attribute) and t.attr in ("status", "verdict") for t in node.targets
    )


def literal_statuses(source: str) -> list[tuple[int, str]]:
    found: list[ast.Constant] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            for operand in (node.left, *node.comparators):
                found += _words_in(operand)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("in_", "not_in")
        ):
            for arg in node.args:
                found += _words_in(arg)
        elif _sets_a_status(node):
            assert isinstance(node, ast.keyword | ast.Assign)
            found += _words_in(node.value)
    return sorted((c.lineno, str(c.value)) for c in found)


def test_the_probe_finds_each_kind_of_literal() -> None:
    source = """
if order.status == "ready": pass
q.where(Order.status.in_(("ready", "overdue")))
x = "handed_over" if a else b
if v.verdict in ("forged", "expired"): pass
Order(status="picked_up")
order.status = "returned"
ok = order.status == OrderStatus.READY and payload["ready"] == 1
"""
    assert literal_statuses(source) == [
        (2, "ready"),
        (3, "overdue"),
        (3, "ready"),
        (5, "expired"),
        (5, "forged"),
        (6, "picked_up"),
        (7, "returned"),
    ]


def test_core_modules_use_the_enums() -> None:
    offending = {
        f"{p.relative_to(ROOT)}:{line}: {word!r}"
        for p in CHECKED
        for line, word in literal_statuses(p.read_text())
    }
    assert offending == set()
