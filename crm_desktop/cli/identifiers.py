"""Identifiers typed on the command line are checked before any command runs (exit 3 when malformed).

``--client`` (one or a comma-separated list), logins (``login``, ``--manager``, ``--to``) and
``--product`` must have the shape of :mod:`crm_desktop.domain.identifiers`: a malformed one cannot
name anything in the store, and must never become part of a file name or a message unchecked.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from crm_desktop.domain import identifiers as ids
from crm_desktop.errors import InvalidInput
from crm_desktop.i18n import tr

# argparse destination -> (check, hint, splits on commas)
_CHECKS: dict[str, tuple[Callable[[str], bool], tuple[str, str], bool]] = {
    "client": (ids.is_client_no, ids.CLIENT_NO_HINT, True),
    "login": (ids.is_login, ids.LOGIN_HINT, False),
    "manager": (ids.is_login, ids.LOGIN_HINT, False),
    "to": (ids.is_login, ids.LOGIN_HINT, False),
    "product": (ids.is_product_code, ids.PRODUCT_CODE_HINT, False),
}


def _shown(value: str) -> str:
    # The value as a message may show it: no control characters reach the terminal.
    return "".join(ch if ch.isprintable() else "?" for ch in value)[:80]


def check_identifiers(args: argparse.Namespace) -> None:
    """Raise InvalidInput naming the first malformed identifier among the parsed arguments."""
    for dest, (ok, hint, several) in _CHECKS.items():
        value = getattr(args, dest, None)
        if not isinstance(value, str):
            continue
        parts = value.split(",") if several else [value]
        for part in (p.strip() for p in parts):
            if part and not ok(part):
                raise InvalidInput(
                    tr(
                        "{v} 无效：{hint}。",
                        "{v} is invalid: {hint}.",
                        v=_shown(part),
                        hint=tr(*hint),
                    )
                )
