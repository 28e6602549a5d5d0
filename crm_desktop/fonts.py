"""The bundled CJK font, registered for matplotlib and reportlab on first use.

These machines have no Chinese fonts, so the app ships WenQuanYi Micro Hei (Apache-2.0, TrueType
outlines in a .ttc collection; reportlab can embed TrueType but not CFF outlines). Qt registration
lives in ``crm_desktop.gui.fonts``. Heavy libraries are imported inside the functions so start-up
does not pay for them.
"""

from __future__ import annotations

import threading
from pathlib import Path

from crm_desktop.paths import resource

FONT_FILE = "wqy-microhei.ttc"
FAMILY = "WenQuanYi Micro Hei"
REPORTLAB_NAME = "WQYMicroHei"

_lock = threading.Lock()
_mpl_done = False
_rl_done = False


def font_path() -> Path:
    return resource("fonts", FONT_FILE)


def register_matplotlib() -> str:
    """Make matplotlib draw Chinese with the bundled font; returns the family name."""
    global _mpl_done
    with _lock:
        if not _mpl_done:
            import matplotlib
            from matplotlib import font_manager

            font_manager.fontManager.addfont(str(font_path()))
            matplotlib.rcParams["font.family"] = "sans-serif"
            matplotlib.rcParams["font.sans-serif"] = [FAMILY, "DejaVu Sans"]
            # The CJK font has no proper U+2212 minus; use the ASCII hyphen-minus.
            matplotlib.rcParams["axes.unicode_minus"] = False
            _mpl_done = True
    return FAMILY


def register_reportlab() -> str:
    """Register the font with reportlab (embedded as a subset in every PDF); returns its name."""
    global _rl_done
    with _lock:
        if not _rl_done:
            from reportlab.pdfbase import pdfmetrics
            from reportlab.pdfbase.ttfonts import TTFont

            pdfmetrics.registerFont(TTFont(REPORTLAB_NAME, str(font_path()), subfontIndex=0))
            _rl_done = True
    return REPORTLAB_NAME
