"""The walls between the packages: import-linter's contracts (pyproject.toml) hold, and they cover every package.

import-linter reads the import graph, indirect imports included; the checks kept here are the ones it cannot
express: that its lists name every package, that the engine and the domain do no I/O, and that the CLI never
loads Qt at run time (a library may import Qt behind the graph's back).
"""

from __future__ import annotations

import os
import pkgutil
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "crm_desktop"
PURE = ("scoring", "domain")


def _config() -> dict[str, Any]:
    with (ROOT / "pyproject.toml").open("rb") as fh:
        return tomllib.load(fh)["tool"]["importlinter"]


def _contract(cid: str) -> dict[str, Any]:
    return next(c for c in _config()["contracts"] if c["id"] == cid)


def _top_level() -> set[str]:
    return {m.name for m in pkgutil.iter_modules([str(PKG)])} | {"__main__"}


def _named(expression: str) -> str:
    """The top-level module a contract entry names ("crm_desktop.domain.**" -> "domain")."""
    return expression.removeprefix("crm_desktop.").split(".")[0]


def test_import_contracts_hold() -> None:
    # In a subprocess from the checkout, so the graph is built from this tree's crm_desktop whatever is installed.
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    code = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env)
    assert out.returncode == 0, out.stdout + out.stderr


def test_contracts_name_every_package() -> None:
    tops = _top_level()
    layered = {
        name.strip("() ") for layer in _contract("layers")["layers"] for name in re.split(r"[|:]", layer)
    }
    assert tops <= layered, f"not placed in a layer: {sorted(tops - layered)}"
    qt_free = {_named(m) for m in _contract("qt-only-in-gui")["source_modules"]}
    assert "gui" not in qt_free and tops - {"gui"} <= qt_free, (
        f"add to qt-only-in-gui: {sorted(tops - qt_free)}"
    )
    pure = _contract("pure-core")["source_modules"]
    for name in PURE:
        # "crm_desktop.x.**" (used while x does not exist yet) misses x/__init__.py: name the package itself
        assert not (PKG / name).is_dir() or f"crm_desktop.{name}" in pure, (
            f"pure-core and qt-only-in-gui: write crm_desktop.{name} instead of crm_desktop.{name}.**"
        )


def test_forbidden_contracts_follow_indirect_imports() -> None:
    for contract in _config()["contracts"]:
        if contract["type"] == "forbidden":
            assert contract.get("allow_indirect_imports") is False, contract["id"]


def test_engine_and_domain_do_no_io() -> None:
    # import-linter sees imports, not calls: a builtin open() or pandas' readers need no import to reach a file.
    offenders = []
    for name in PURE:
        for path in sorted((PKG / name).rglob("*.py")) if (PKG / name).is_dir() else []:
            src = path.read_text(encoding="utf-8")
            for io_call in ("open(", "read_csv(", "to_csv(", "read_sql", "Path(", "read_excel(", "to_excel("):
                if io_call in src:
                    offenders.append(f"{path.relative_to(ROOT)} does I/O via {io_call}")
    assert offenders == []


def test_pyside6_is_not_imported_by_the_cli_at_runtime() -> None:
    code = "import sys, crm_desktop.cli.main as m; m.build_parser(); print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"
