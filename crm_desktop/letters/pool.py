"""Rendering in worker processes for batches: each worker renders and writes its own files.

Only the small result (pages, size, digest) travels back to the parent; the PDF bytes never cross
the process boundary.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from crm_desktop.letters.model import LetterData
from crm_desktop.letters.render import render_letter


@dataclass(frozen=True)
class WrittenLetter:
    path: str
    pages: int
    size_bytes: int
    sha256: str
    seconds: float


def init_worker() -> None:
    """Pay font registration and imports once per worker, not per letter."""
    from crm_desktop.letters.style import font, styles

    font()
    styles()


def render_to_file(data: LetterData, path: str, deterministic: bool) -> WrittenLetter:
    import time

    t0 = time.perf_counter()
    letter = render_letter(data, deterministic=deterministic)
    write_atomically(Path(path), letter.pdf)
    return WrittenLetter(
        path, letter.pages, len(letter.pdf), hashlib.sha256(letter.pdf).hexdigest(), time.perf_counter() - t0
    )


def write_atomically(path: Path, content: bytes) -> None:
    """A printer spooling the folder never sees half a PDF."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(content)
    os.replace(tmp, path)
