"""A first look at a file before importing it: encoding, sheets, detected kind, the first rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from crm_desktop.importing.kinds import KINDS, detect_kind
from crm_desktop.importing.source import open_source
from crm_desktop.importing.values import cell_text


@dataclass(frozen=True)
class Preview:
    path: Path
    format: str  # csv | xlsx
    encoding: str | None  # label shown to a person, None for Excel
    sheets: tuple[str, ...]
    sheet: str | None
    headers: list[str]
    rows: list[tuple[int, list[str]]]
    kind: str | None
    candidates: tuple[str, ...]
    # header -> field of the detected kind, or None when that column will be ignored
    mapping: dict[str, str | None] = field(default_factory=dict)

    def mapping_for(self, kind: str) -> dict[str, str | None]:
        spec = KINDS[kind]
        return {h: spec.field_for(h) for h in self.headers if h}


def preview_file(
    path: str | Path, *, encoding: str | None = None, sheet: str | None = None, limit: int = 20
) -> Preview:
    p = Path(path)
    with open_source(p, encoding=encoding, sheet=sheet) as src:
        rows = [(n, [cell_text(c) for c in cells]) for n, cells in islice(src.rows(), limit)]
        guess = detect_kind(src.headers)
        prev = Preview(
            path=p,
            format=src.format,
            encoding=src.encoding.label if src.encoding else None,
            sheets=src.sheets,
            sheet=src.sheet,
            headers=list(src.headers),
            rows=rows,
            kind=guess.kind,
            candidates=guess.candidates,
        )
    if prev.kind:
        prev.mapping.update(prev.mapping_for(prev.kind))
    return prev
