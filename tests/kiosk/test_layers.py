"""The drivers' import contract is an allow-list (pyproject.toml, checked by lint-imports):
a driver may import kiosk.ports, kiosk.errors, kiosk.cli_options and the pure printing value
modules, and nothing else of kiosk, including a module added tomorrow. The contract is run
here on the real import graph with one import added, and the allowed modules are checked not
to pull the rest of kiosk in behind the allow-list's back."""

from __future__ import annotations

import ast
import copy
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import grimp
import pytest
from importlinter import configuration
from importlinter.contracts.forbidden import ForbiddenContract

ROOT = Path(__file__).resolve().parents[2]
CONTRACT = "Drivers see the core only through its ports and a few value modules"
configuration.configure()  # what `lint-imports` does before checking (a timer, readers)


@cache
def _config() -> tuple[dict[str, Any], dict[str, Any]]:
    linter = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    session = {k: v for k, v in linter.items() if k != "contracts"}
    [contract] = [c for c in linter["contracts"] if c["name"] == CONTRACT]
    return session, contract


def allowed() -> set[str]:
    """The allow-list: the targets of the contract's ignore_imports."""
    return {e.split("->")[1].strip() for e in _config()[1]["ignore_imports"]}


@cache
def _graph() -> grimp.ImportGraph:
    session = _config()[0]
    return grimp.build_graph(
        *session["root_packages"], include_external_packages=session["include_external_packages"]
    )


def _kept(extra_import: str | None = None, new_module: str | None = None) -> bool:
    graph = copy.deepcopy(_graph())
    if new_module:
        graph.add_module(new_module)
    if extra_import:
        graph.add_import(importer="drivers.printer.device", imported=extra_import)
    session, options = _config()
    contract = ForbiddenContract(name=CONTRACT, session_options=session, contract_options=options)
    return bool(contract.check(graph, verbose=False).kept)


def test_the_contract_is_kept_today() -> None:
    assert _kept()


@pytest.mark.parametrize(
    "module",
    [
        "kiosk.verification.tokens",
        "kiosk.verification.lookup",
        "kiosk.platform.changes",
        "kiosk.platform.inbound",
        "kiosk.ledger.audit",
        "kiosk.ledger.outbox",
        "kiosk.db",
        "kiosk.models",
        "kiosk.services.pickup",
        "kiosk.cli",
        "kiosk.printing.queue",
        "kiosk.printing.gather",
        "kiosk.flows.pickup",
        "kiosk.staff",
        "kiosk.demo",
        "kiosk",
    ],
)
def test_any_other_kiosk_module_breaks_it(module: str) -> None:
    assert not _kept(module)


def test_a_kiosk_module_added_tomorrow_is_forbidden_by_default() -> None:
    assert not _kept("kiosk.brand_new_module", new_module="kiosk.brand_new_module")


@pytest.mark.parametrize("module", sorted(allowed()))
def test_the_allowed_modules_stay_allowed(module: str) -> None:
    assert _kept(module)


def test_the_allowed_modules_pull_in_nothing_else_of_kiosk() -> None:
    """Ignoring drivers → kiosk.ports also hides what kiosk.ports imports: so that must stay
    inside the allow-list (function-level imports included)."""
    graph = _graph()
    outside = {
        (m, imported)
        for m in allowed()
        for imported in graph.find_modules_directly_imported_by(m)
        if imported.split(".")[0] == "kiosk"
        and imported not in allowed()
        and imported not in ("kiosk", "kiosk.printing")
    }  # packages with no code
    assert outside == set()
    for package in ("kiosk", "kiosk.printing"):
        assert not graph.find_modules_directly_imported_by(package) & {
            m for m in graph.modules if m.startswith("kiosk")
        }, package


def _kiosk_imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "kiosk"}
        elif (
            isinstance(node, ast.ImportFrom)
            and node.level == 0
            and node.module
            and node.module.split(".")[0] == "kiosk"
        ):
            for a in node.names:  # `from kiosk.printing import layout` imports a module
                sub = f"{node.module}.{a.name}"
                is_module = (ROOT / (sub.replace(".", "/") + ".py")).exists() or (
                    ROOT / sub.replace(".", "/") / "__init__.py"
                ).exists()
                found.add(sub if is_module else node.module)
    return found


def test_every_driver_import_of_kiosk_is_on_the_allow_list() -> None:
    """The same rule read straight from the source files (no graph tool in between)."""
    offending = {
        f"{p.relative_to(ROOT)}: {m}"
        for p in sorted((ROOT / "drivers").rglob("*.py"))
        for m in _kiosk_imports(p)
        if m not in allowed()
    }
    assert offending == set()
    used = {m for p in (ROOT / "drivers").rglob("*.py") for m in _kiosk_imports(p)}
    assert {"kiosk.ports", "kiosk.errors"} <= used  # the walk does see the imports
