"""The shape of identifiers: client numbers, staff logins, product codes, and file names made from them.

An identifier becomes part of a file name (a letter is ``<client_no>_<date>.pdf``), a command-line
argument and a spreadsheet cell, so it is held to a strict pattern where it enters the store (the
importer, ``crm admin add-user``) and where a person types one (the CLI). The patterns accept every
identifier the back offices, the demo branch and the tests use: letters, digits and a few separators,
never a path separator, a dot-dot, a space or a control character, and never a leading ``-`` (it would
read as an option) or ``.`` (a hidden file).
"""

from __future__ import annotations

import re

# 客户号: up to 32 letters, digits, _ and -, starting with a letter or digit (back offices use digits).
CLIENT_NO_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,31}")
# 工号: up to 40 letters, digits, _ . and -, starting with a letter or digit.
LOGIN_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,39}")
# 产品代码: up to 20 letters, digits, . _ and -, starting with a letter or digit.
PRODUCT_CODE_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,19}")

CLIENT_NO_HINT = (
    "客户号只能包含字母、数字、下划线和减号（以字母或数字开头，最长 32 个字符）",
    "a client number holds letters, digits, _ and - only (starting with a letter or digit, at most 32)",
)
LOGIN_HINT = (
    "工号只能包含字母、数字、下划线、点和减号（以字母或数字开头，最长 40 个字符）",
    "a login holds letters, digits, _ . - only (starting with a letter or digit, at most 40)",
)
PRODUCT_CODE_HINT = (
    "产品代码只能包含字母、数字、点、下划线和减号（以字母或数字开头，最长 20 个字符）",
    "a product code holds letters, digits, . _ - only (starting with a letter or digit, at most 20)",
)

_UNSAFE_IN_FILE_NAME = re.compile(r"[^A-Za-z0-9_.-]+")
# The longest part of a file name made from data (file systems allow 255 bytes for the whole name).
FILE_PART_MAX = 64


def is_client_no(text: str) -> bool:
    return CLIENT_NO_RE.fullmatch(text) is not None


def is_login(text: str) -> bool:
    return LOGIN_RE.fullmatch(text) is not None


def is_product_code(text: str) -> bool:
    return PRODUCT_CODE_RE.fullmatch(text) is not None


def file_part(text: str) -> str:
    """``text`` made safe as one part of a file name: no separator, no dot-dot, no leading dot or dash.

    Every run of other characters becomes ``_``; an empty result is ``_``. A valid identifier is kept
    as it is, so the usual letter names do not change.
    """
    safe = _UNSAFE_IN_FILE_NAME.sub("_", text).strip(".")
    safe = safe.replace("..", "_").lstrip("-")
    return safe[:FILE_PART_MAX] or "_"
