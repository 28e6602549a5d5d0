"""Maintain the Chinese translations of the Qt views.

    python -m crm_desktop.gui.i18n_tool update AREA FILE...   # extract tr() strings into AREA_zh_CN.ts
    python -m crm_desktop.gui.i18n_tool todo AREA              # list untranslated source strings
    python -m crm_desktop.gui.i18n_tool set AREA FILE.tsv      # fill translations: source<TAB>中文 per line
    python -m crm_desktop.gui.i18n_tool release                # compile every .ts to .qm

Each area keeps its own .ts file so engineers working on different areas never edit the same file.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from crm_desktop.paths import resource


def ts_path(area: str) -> Path:
    return resource("i18n", f"{area}_zh_CN.ts")


def _tool(name: str) -> str:
    return shutil.which(name) or str(Path(sys.executable).with_name(name))


def update(area: str, files: list[str]) -> None:
    ts = ts_path(area)
    ts.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            *files,
            "-no-obsolete",
            "-source-language",
            "en",
            "-target-language",
            "zh_CN",
            "-ts",
            str(ts),
        ],
        check=True,
    )


def unfinished(ts: Path) -> list[tuple[str, str]]:
    """(context, source) of every message without a finished translation."""
    out = []
    root = ET.parse(ts).getroot()
    for ctx in root.iter("context"):
        cname = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is None or tr.get("type") in ("unfinished",) or not (tr.text or "").strip():
                if tr is not None and tr.get("type") in ("vanished", "obsolete"):
                    continue
                out.append((cname, msg.findtext("source") or ""))
    return out


def set_translations(area: str, tsv: Path) -> int:
    mapping: dict[str, str] = {}
    for line in tsv.read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            src, dst = line.split("\t", 1)
            mapping[src.replace("\\n", "\n")] = dst.replace("\\n", "\n")
    ts = ts_path(area)
    tree = ET.parse(ts)
    n = 0
    for msg in tree.getroot().iter("message"):
        src = msg.findtext("source") or ""
        if src in mapping:
            tr = msg.find("translation")
            if tr is None:
                tr = ET.SubElement(msg, "translation")
            tr.text = mapping[src]
            tr.attrib.pop("type", None)
            n += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return n


def release() -> None:
    for ts in sorted(resource("i18n").glob("*.ts")):
        subprocess.run(
            [_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True
        )


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    cmd, rest = argv[0], argv[1:]
    if cmd == "update":
        update(rest[0], rest[1:])
    elif cmd == "todo":
        for ctx, src in unfinished(ts_path(rest[0])):
            print(f"{ctx}\t{src!r}")
    elif cmd == "set":
        print(f"{set_translations(rest[0], Path(rest[1]))} translations set")
    elif cmd == "release":
        release()
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
