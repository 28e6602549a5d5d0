"""Reads the import alias files: the shipped defaults, then a branch's own spellings.

The branch file is ``$CRM_IMPORT_ALIASES`` when set, else ``import_aliases.toml`` in the user data
directory when it exists. Parsing and matching are the domain's (:mod:`crm_desktop.domain.aliases`);
this module only finds and reads the files, and re-reads them when one changes.
"""

from __future__ import annotations

import os
from pathlib import Path

from crm_desktop.domain.aliases import AliasConfigError, Aliases, merge, parse_alias_text
from crm_desktop.i18n import tr
from crm_desktop.paths import resource, user_data_dir

ENV = "CRM_IMPORT_ALIASES"
FILE_NAME = "import_aliases.toml"

_cached: tuple[tuple[tuple[str, float], ...], Aliases] | None = None


def alias_files() -> list[Path]:
    """The files read, in order (later ones add spellings)."""
    files = [resource("config", FILE_NAME)]
    override = os.environ.get(ENV)
    if override:
        path = Path(override)
        if not path.is_file():
            raise AliasConfigError(
                tr(
                    "找不到导入别名文件 {path}（环境变量 {env}）：请检查路径或删除该变量。",
                    "The import alias file {path} (from {env}) does not exist; fix the path or "
                    "unset the variable.",
                    path=path,
                    env=ENV,
                )
            )
        files.append(path)
    else:
        own = user_data_dir() / FILE_NAME
        if own.is_file():
            files.append(own)
    return files


def load_aliases() -> Aliases:
    """The aliases in force; files are read again only after one of them changed."""
    global _cached
    files = [p for p in alias_files() if p.is_file()]
    stamp = tuple((str(p), p.stat().st_mtime) for p in files)
    if _cached is not None and _cached[0] == stamp:
        return _cached[1]
    layers = []
    for p in files:
        try:
            text = p.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise AliasConfigError(
                tr(
                    "无法读取导入别名文件 {path}：{err}",
                    "Cannot read the import alias file {path}: {err}",
                    path=p,
                    err=exc,
                )
            ) from None
        layers.append(parse_alias_text(text, str(p)))
    aliases = merge(layers)
    _cached = (stamp, aliases)
    return aliases
