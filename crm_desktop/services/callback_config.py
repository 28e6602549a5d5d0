"""Reading the branch-edited call-back script and complaint deadlines (the rules themselves are pure).

Where a file is looked for, first hit wins: the path in the environment variable
(``CRM_CALLBACK_SCRIPT`` / ``CRM_COMPLAINTS_CONFIG``), the file of that name in the user data
directory, the bundled default in ``resources/config``.
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from crm_desktop.domain.callbacks import Script, parse_script
from crm_desktop.domain.complaints import ComplaintSettings, parse_settings
from crm_desktop.errors import InvalidInput
from crm_desktop.i18n import tr
from crm_desktop.paths import resource, user_data_dir

SCRIPT_FILE, COMPLAINTS_FILE = "callback_script.toml", "complaints.toml"


def config_path(name: str, env: str) -> Path:
    override = os.environ.get(env)
    if override:
        return Path(override)
    local = user_data_dir() / name
    return local if local.is_file() else resource("config", name)


@dataclass(frozen=True)
class LoadedScript:
    script: Script
    path: Path
    # Stored with each record: which wording of the script the answers were given to.
    version: str


_cache: dict[tuple[str, float], object] = {}


def _read(path: Path) -> tuple[str, dict[str, object]]:
    try:
        text = path.read_text(encoding="utf-8")
        return text, tomllib.loads(text)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise InvalidInput(
            tr(
                "无法读取配置文件 {p}：{e}。请改正该文件，或删除它以使用默认设置。",
                "Cannot read the config file {p}: {e}. Fix it, or remove it to use the defaults.",
                p=path,
                e=exc,
            )
        ) from exc


def load_script() -> LoadedScript:
    path = config_path(SCRIPT_FILE, "CRM_CALLBACK_SCRIPT")
    key = (str(path), path.stat().st_mtime if path.exists() else 0.0)
    hit = _cache.get(key)
    if isinstance(hit, LoadedScript):
        return hit
    text, data = _read(path)
    try:
        loaded = LoadedScript(parse_script(data), path, hashlib.sha256(text.encode()).hexdigest()[:12])
    except (ValueError, TypeError) as exc:
        raise InvalidInput(
            tr("回访话术配置 {p} 有误：{e}。", "The call-back script {p} is wrong: {e}.", p=path, e=exc)
        ) from exc
    _cache[key] = loaded
    return loaded


def load_complaint_settings() -> ComplaintSettings:
    path = config_path(COMPLAINTS_FILE, "CRM_COMPLAINTS_CONFIG")
    key = (str(path), path.stat().st_mtime if path.exists() else 0.0)
    hit = _cache.get(key)
    if isinstance(hit, ComplaintSettings):
        return hit
    _text, data = _read(path)
    try:
        settings = parse_settings(data)
    except (ValueError, TypeError) as exc:
        raise InvalidInput(
            tr(
                "投诉时限配置 {p} 有误：{e}。",
                "The complaint deadline config {p} is wrong: {e}.",
                p=path,
                e=exc,
            )
        ) from exc
    _cache[key] = settings
    return settings
