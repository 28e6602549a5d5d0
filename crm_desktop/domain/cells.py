"""Spreadsheet safety for every file the app writes or reads: one rule for CSV and Excel cells.

A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by a
spreadsheet as a formula (or as the start of one), so a client named ``=HYPERLINK(...)`` would run
when a colleague opens an export. Following the usual CSV-injection guidance, such a text gets a
leading single quote: the spreadsheet shows it as text and never evaluates it. Only text is
touched: a real number (``int``, ``float``, ``Decimal``) stays a number, negative or not.

Control characters (other than tab, line feed and carriage return inside a text) have no business
in a name or a note: they are removed from what is imported and from what is written (Excel files
cannot even hold most of them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

# The first characters that make a spreadsheet treat a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# C0 controls and DEL, except tab, line feed and carriage return.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Every C0 control and DEL: a single-line value read from a file keeps none of them.
_ALL_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")


def strip_controls(text: str) -> str:
    """``text`` without control characters (tab, line feed and carriage return are kept)."""
    return _CONTROLS.sub("", text) if _CONTROLS.search(text) else text


def clean_imported(text: str) -> str:
    """A single-line value read from a file: every control character removed (a tab or line break is a space)."""
    if not _ALL_CONTROLS.search(text):
        return text
    return _CONTROLS.sub("", text).replace("\t", " ").replace("\r", " ").replace("\n", " ")


def neutralise(value: Any) -> Any:
    """The value as a spreadsheet cell may safely hold it (see the module docstring); non-text unchanged."""
    if not isinstance(value, str):
        return value
    text = strip_controls(value)
    if text and text[0] in FORMULA_STARTS:
        return "'" + text
    return text


def neutralise_row(values: Iterable[Any]) -> list[Any]:
    return [neutralise(v) for v in values]
