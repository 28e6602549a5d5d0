"""Language choice for the layers that may not use Qt (services, engine texts, CLI).

The Qt views translate through QTranslator; everything below them calls :func:`tr` with both
texts side by side, so a message is never shown half-translated. Chinese is the default.
"""

from __future__ import annotations

import os
from typing import Any

ZH = "zh_CN"
EN = "en"
SUPPORTED = (ZH, EN)

_current = ZH


def set_language(lang: str | None) -> str:
    """Select the language; unknown or empty values fall back to Chinese. Returns the one chosen."""
    global _current
    _current = normalize(lang)
    return _current


def normalize(lang: str | None) -> str:
    if not lang:
        return ZH
    low = lang.lower().replace("-", "_")
    if low.startswith("en"):
        return EN
    return ZH


def language() -> str:
    return _current


def language_from_env() -> str:
    """CRM_LANG wins; otherwise Chinese (the product default), not the OS locale of a server."""
    return normalize(os.environ.get("CRM_LANG"))


def tr(zh: str, en: str, /, **params: Any) -> str:
    """Pick the text for the current language and fill ``{name}`` placeholders."""
    text = en if _current == EN else zh
    return text.format(**params) if params else text
