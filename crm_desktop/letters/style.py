"""Colours, sizes and paragraph styles shared by the letter and its charts."""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from crm_desktop.fonts import register_reportlab

INK = colors.HexColor("#1F2933")
MUTED = colors.HexColor("#616E7C")
ACCENT = colors.HexColor("#9E1B32")  # brokerage red, used sparingly: rules and headings
ACCENT_LIGHT = colors.HexColor("#F6E8EA")
RULE = colors.HexColor("#CBD2D9")
ZEBRA = colors.HexColor("#F5F7FA")
GAIN = colors.HexColor("#C62828")  # Chinese convention: gains red,
LOSS = colors.HexColor("#2E7D32")  # losses green

# Allocation slices: cash first, then the boards in a fixed order so letters compare at a glance.
SLICE_COLOURS = {
    "cash": colors.HexColor("#8A9BA8"),
    "main": colors.HexColor("#9E1B32"),
    "chinext": colors.HexColor("#D9822B"),
    "star": colors.HexColor("#2B6CB0"),
    "bse": colors.HexColor("#6B46C1"),
    "other": colors.HexColor("#4A5568"),
}


def font() -> str:
    return register_reportlab()


# reportlab's line-start rule lists the ideographic full stop and comma (。、) but not the full-width
# comma, semicolon, colon and closing marks Chinese text uses most; without them a line can start with "，".
_CHINESE_CANNOT_START = "，；：！？”’）》」』】〕"


def _teach_line_breaking() -> None:
    from reportlab.lib import textsplit
    from reportlab.platypus import paragraph

    # paragraph.py imported the string by name, so both modules need the longer one.
    for module in (textsplit, paragraph):
        current: str = module.ALL_CANNOT_START
        missing = "".join(c for c in _CHINESE_CANNOT_START if c not in current)
        if missing:
            module.ALL_CANNOT_START = current + missing


@lru_cache(maxsize=1)
def styles() -> dict[str, ParagraphStyle]:
    f = font()
    _teach_line_breaking()
    # CJK text wraps between any two characters; wordWrap="CJK" also keeps punctuation off line starts.
    base = ParagraphStyle(
        "body", fontName=f, fontSize=9.5, leading=15, textColor=INK, wordWrap="CJK", alignment=TA_JUSTIFY
    )
    return {
        "body": base,
        "title": ParagraphStyle(
            "title", parent=base, fontSize=20, leading=26, textColor=ACCENT, alignment=TA_CENTER, spaceAfter=2
        ),
        "subtitle": ParagraphStyle(
            "subtitle",
            parent=base,
            fontSize=10,
            leading=14,
            textColor=MUTED,
            alignment=TA_CENTER,
            spaceAfter=10,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontSize=12.5,
            leading=17,
            textColor=ACCENT,
            spaceBefore=10,
            spaceAfter=5,
            alignment=TA_LEFT,
        ),
        "indent": ParagraphStyle("indent", parent=base, firstLineIndent=19),
        "signature": ParagraphStyle(
            "signature",
            parent=base,
            fontSize=8.5,
            leading=13,
            textColor=MUTED,
            alignment=TA_RIGHT,
            rightIndent=8,
            spaceBefore=4,
        ),
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=12, textColor=MUTED),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=11, alignment=TA_LEFT),
        "cell_r": ParagraphStyle("cell_r", parent=base, fontSize=8.5, leading=11, alignment=TA_RIGHT),
        "label": ParagraphStyle(
            "label", parent=base, fontSize=8.5, leading=11, textColor=MUTED, alignment=TA_CENTER
        ),
        "figure": ParagraphStyle("figure", parent=base, fontSize=12, leading=15, alignment=TA_CENTER),
        "bullet": ParagraphStyle(
            "bullet", parent=base, leftIndent=12, bulletIndent=0, spaceAfter=3, bulletFontName=f
        ),
        "comment": ParagraphStyle(
            "comment", parent=base, fontSize=10, leading=16.5, leftIndent=8, rightIndent=8
        ),
        "disclaimer": ParagraphStyle("disclaimer", parent=base, fontSize=7.8, leading=11.5, textColor=MUTED),
        "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
    }
