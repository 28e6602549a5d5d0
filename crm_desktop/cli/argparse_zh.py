"""argparse's own words ("usage:", "options:", its error messages) in the CLI's language.

argparse looks its strings up through the module-level ``gettext`` functions it imported (``_`` and
``ngettext``) at the moment it needs them, so replacing those two names translates every message it
builds, including the ones raised deep inside parsing. The replacements consult the current
``crm_desktop.i18n`` language on each call: English stays argparse's own text.
"""

from __future__ import annotations

import argparse
from typing import Any

from crm_desktop.i18n import EN, language

ZH: dict[str, str] = {
    "usage: ": "用法：",
    "options": "选项",
    "positional arguments": "位置参数",
    "subcommands": "子命令",
    "%(heading)s:": "%(heading)s：",
    "show this help message and exit": "显示此帮助并退出",
    "show program's version number and exit": "显示程序版本并退出",
    " (default: %(default)s)": "（默认：%(default)s）",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "%(prog)s: warning: %(message)s\n": "%(prog)s：警告：%(message)s\n",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择：%(value)r（可选：%(choices)s）",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多一个值",
    "expected at least one argument": "至少需要一个值",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "忽略了多余的值 %r",
    "one of the arguments %s is required": "参数 %s 中必须给出一个",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是：%(matches)s",
    "unexpected option string: %s": "意外的选项：%s",
    "can't open '%(filename)s': %(error)s": "无法打开 '%(filename)s'：%(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "未知的命令 %(parser_name)r（可选：%(choices)s）",
    "argument '%(argument_name)s' is deprecated": "参数 '%(argument_name)s' 已弃用",
    "option '%(option)s' is deprecated": "选项 '%(option)s' 已弃用",
    "command '%(parser_name)s' is deprecated": "命令 '%(parser_name)s' 已弃用",
}
# Plural forms: Chinese has one; keyed by argparse's singular.
ZH_PLURAL: dict[str, str] = {
    "expected %s argument": "需要 %s 个值",
    "conflicting option string: %s": "选项冲突：%s",
}

_original_gettext = argparse._  # type: ignore[attr-defined]
_original_ngettext = argparse.ngettext  # type: ignore[attr-defined]


def gettext(message: str) -> str:
    if language() == EN:
        return str(_original_gettext(message))
    return ZH.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    if language() == EN or singular not in ZH_PLURAL:
        return str(_original_ngettext(singular, plural, n))
    return ZH_PLURAL[singular]


def install() -> None:
    """Route argparse's strings through :func:`gettext` (idempotent; harmless for English)."""
    module: Any = argparse
    module._ = gettext
    module.ngettext = ngettext
