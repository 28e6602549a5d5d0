"""Layering rules, checked on the source: the core stays free of Qt, the engine free of the store."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "crm_desktop"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def _py_files(base: Path) -> list[Path]:
    return sorted(p for p in base.rglob("*.py") if "__pycache__" not in p.parts)


def test_only_the_gui_package_imports_pyside6() -> None:
    offenders = []
    for path in _py_files(PKG):
        if (PKG / "gui") in path.parents:
            continue
        if any(m == "PySide6" or m.startswith("PySide6.") for m in _imports(path)):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_scoring_engine_is_pure() -> None:
    engine = PKG / "scoring"
    banned_prefixes = ("PySide6", "sqlalchemy", "crm_desktop.db", "crm_desktop.services", "crm_desktop.gui",
                       "crm_desktop.cli", "psycopg", "sqlite3", "requests", "urllib", "socket", "openpyxl")
    offenders = []
    for path in _py_files(engine):
        for mod in _imports(path):
            if mod.startswith(banned_prefixes):
                offenders.append(f"{path.relative_to(ROOT)} imports {mod}")
        src = path.read_text(encoding="utf-8")
        for io_call in ("open(", "read_csv(", "to_csv(", "read_sql", "Path("):
            if io_call in src:
                offenders.append(f"{path.relative_to(ROOT)} does I/O via {io_call}")
    assert offenders == []


def test_services_and_db_do_not_import_views_or_cli() -> None:
    offenders = []
    for sub in ("services", "db", "scoring"):
        for path in _py_files(PKG / sub):
            for mod in _imports(path):
                if mod.startswith(("crm_desktop.gui", "crm_desktop.cli")):
                    offenders.append(f"{path.relative_to(ROOT)} imports {mod}")
    assert offenders == []


def test_pyside6_is_not_imported_by_the_cli_at_runtime() -> None:
    import subprocess
    import sys

    code = "import sys, crm_desktop.cli.main as m; m.build_parser(); print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"
