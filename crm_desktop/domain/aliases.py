"""Spellings the importer accepts for each coded word, beside the labels.

Every member is always accepted as its code and as both of its labels. Back-office exports spell
the same thing many ways (投资顾问资格, 证券投资顾问, 投顾, 投资顾问), so more spellings come from
TOML text: the shipped ``resources/config/import_aliases.toml`` plus a branch's own file, read by
``crm_desktop.importing.alias_config`` and given here as text. This module does no I/O.

Matching ignores case, full/half width (Ｂ = B, （ = (), spaces, ``_`` and ``-``.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Generic, TypeVar

from crm_desktop.domain.labels import LABELS, label
from crm_desktop.domain.vocabulary import BY_NAME, vocabulary_name
from crm_desktop.errors import InvalidInput
from crm_desktop.i18n import tr

E = TypeVar("E", bound=StrEnum)

_IGNORED = re.compile(r"[\s_\-]+")


def normalize(text: str) -> str:
    """The matching form of a spelling: width-folded (NFKC), case-folded, without blanks, ``_`` or ``-``."""
    folded = unicodedata.normalize("NFKC", text.replace("\ufeff", "")).casefold()
    return _IGNORED.sub("", folded)


class UnknownCode(InvalidInput):
    """A value that is no spelling of any member; the message lists what is accepted."""

    def __init__(self, enum: type[StrEnum], value: str, accepted: str) -> None:
        super().__init__(
            tr(
                "“{value}”不是允许的值，可选：{accepted}",
                '"{value}" is not an allowed value; use {accepted}',
                value=value,
                accepted=accepted,
            )
        )
        self.enum = enum
        self.value = value


class AliasConfigError(InvalidInput):
    """An alias file that cannot be used; the message names the file part and the fix."""


@dataclass(frozen=True)
class Resolver(Generic[E]):
    """Turns any accepted spelling of one enumeration into its member."""

    enum: type[E]
    table: Mapping[str, E] = field(repr=False)

    def get(self, text: object) -> E | None:
        """The member ``text`` spells, or None (also for blanks)."""
        if text is None:
            return None
        return self.table.get(normalize(str(text)))

    def resolve(self, text: object) -> E:
        """The member ``text`` spells; :class:`UnknownCode` listing the accepted values otherwise."""
        member = self.get(text)
        if member is None:
            raise UnknownCode(self.enum, "" if text is None else str(text), self.hint())
        return member

    def hint(self, lang: str | None = None) -> str:
        """``code label | code label …`` – what a person may write, in the UI language."""
        parts = []
        for m in self.enum:
            name = label(m, lang)
            parts.append(m.value if normalize(name) == normalize(m.value) else f"{m.value} {name}")
        return " | ".join(parts)

    def spellings(self) -> dict[str, E]:
        """Every accepted spelling (in matching form) and its member."""
        return dict(self.table)


@dataclass(frozen=True)
class Aliases:
    """The resolvers of every enumeration, built from the catalogue plus the alias files' extra spellings."""

    extra: Mapping[type[StrEnum], Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    _cache: dict[type[StrEnum], Resolver[StrEnum]] = field(default_factory=dict, compare=False, repr=False)

    def resolver(self, enum: type[E]) -> Resolver[E]:
        found = self._cache.get(enum)
        if found is None:
            found = Resolver(enum, _table(enum, self.extra.get(enum, {})))
            self._cache[enum] = found
        return found  # type: ignore[return-value]

    def resolve(self, enum: type[E], text: object) -> E:
        return self.resolver(enum).resolve(text)


def _table(enum: type[E], extra: Mapping[str, tuple[str, ...]]) -> dict[str, E]:
    table: dict[str, E] = {}

    def add(spelling: str, member: E, *, builtin: bool) -> None:
        key = normalize(spelling)
        if not key:
            return
        other = table.get(key)
        if other is not None and other is not member:
            if builtin:
                return  # two labels that read the same: the code or the first label keeps the spelling
            raise AliasConfigError(
                tr(
                    "导入别名“{s}”同时指向 {a} 和 {b}（{enum}）：请在别名文件中删除其中一个。",
                    'The import alias "{s}" points at both {a} and {b} ({enum}); remove one of them from the '
                    "alias file.",
                    s=spelling,
                    a=other.value,
                    b=member.value,
                    enum=vocabulary_name(enum),
                )
            )
        table[key] = member

    for m in enum:
        add(m.value, m, builtin=True)
    for m in enum:
        for name in LABELS.get(enum, {}).get(m, ()):
            add(name, m, builtin=True)
    for code, spellings in extra.items():
        member = enum(code)
        for s in spellings:
            add(s, member, builtin=False)
    return table


def parse_alias_text(
    text: str, source: str = "import_aliases.toml"
) -> dict[type[StrEnum], dict[str, tuple[str, ...]]]:
    """Read one alias file's TOML text: ``[section]`` per enumeration, ``code = ["spelling", ...]``.

    Unknown sections or codes are refused with a message naming them and what is allowed, so a typo
    in a branch's file does not silently leave a spelling unrecognised.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise AliasConfigError(
            tr(
                "导入别名文件 {src} 格式有误：{err}",
                "The import alias file {src} is not valid TOML: {err}",
                src=source,
                err=exc,
            )
        ) from None
    out: dict[type[StrEnum], dict[str, tuple[str, ...]]] = {}
    for section, entries in data.items():
        enum = BY_NAME.get(section)
        if enum is None or not isinstance(entries, dict):
            raise AliasConfigError(
                tr(
                    "导入别名文件 {src} 中的 [{sec}] 不是已知的代码表，可用：{known}",
                    "[{sec}] in the import alias file {src} is not a known list of codes; use one of {known}",
                    src=source,
                    sec=section,
                    known=", ".join(BY_NAME),
                )
            )
        codes = {m.value for m in enum}
        for code, spellings in entries.items():
            if code not in codes:
                raise AliasConfigError(
                    tr(
                        "导入别名文件 {src} 的 [{sec}] 中没有代码 {code}，可用：{known}",
                        "[{sec}] in the import alias file {src} has no code {code}; use one of {known}",
                        src=source,
                        sec=section,
                        code=code,
                        known=", ".join(sorted(codes)),
                    )
                )
            if isinstance(spellings, str):
                spellings = [spellings]
            if not isinstance(spellings, list) or not all(isinstance(s, str) for s in spellings):
                raise AliasConfigError(
                    tr(
                        '导入别名文件 {src} 的 [{sec}] {code} 应为文字列表，例如 ["投顾", "投资顾问"]',
                        "[{sec}] {code} in the import alias file {src} should be a list of texts, e.g. "
                        '["adviser", "IA"]',
                        src=source,
                        sec=section,
                        code=code,
                    )
                )
            out.setdefault(enum, {})[code] = tuple(spellings)
    return out


def merge(layers: Iterable[Mapping[type[StrEnum], Mapping[str, tuple[str, ...]]]]) -> Aliases:
    """One alias set from several files: later files add spellings to earlier ones."""
    merged: dict[type[StrEnum], dict[str, tuple[str, ...]]] = {}
    for layer in layers:
        for enum, entries in layer.items():
            target = merged.setdefault(enum, {})
            for code, spellings in entries.items():
                target[code] = (*target.get(code, ()), *spellings)
    aliases = Aliases(merged)
    for enum in merged:
        aliases.resolver(enum)  # a clash between files is reported when the files are read, not mid-import
    return aliases


BUILTIN = Aliases()
