"""Compile ui/*.ui (Qt Designer) into crm_desktop/gui/forms/ui_*.py.

Run after editing a form: ``python -m crm_desktop.gui.build_forms``. A test checks that the
committed modules match their forms, so a stale compiled form cannot slip through.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from crm_desktop.paths import ROOT, ui_dir

FORMS_DIR = ROOT / "crm_desktop" / "gui" / "forms"


def uic_command() -> list[str]:
    exe = shutil.which("pyside6-uic") or str(Path(sys.executable).with_name("pyside6-uic"))
    return [exe]


def compile_form(ui_file: Path) -> str:
    out = subprocess.run(
        [*uic_command(), "--from-imports", str(ui_file)], check=True, capture_output=True, text=True
    )
    # Drop the uic version banner so a Qt patch release does not make every form look stale.
    return (
        "\n".join(
            line for line in out.stdout.splitlines() if "Created by: Qt User Interface Compiler" not in line
        )
        + "\n"
    )


def target_for(ui_file: Path) -> Path:
    return FORMS_DIR / f"ui_{ui_file.stem}.py"


def main() -> int:
    for ui_file in sorted(ui_dir().glob("*.ui")):
        target_for(ui_file).write_text(compile_form(ui_file), encoding="utf-8")
        print(f"compiled {ui_file.name} -> {target_for(ui_file).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
