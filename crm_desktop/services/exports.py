"""Files of client data leaving the application: audited first, then the file appears.

An export is written to a temporary file in the target folder, the audit row (who, file name, rows,
purpose) is committed, and only then is the file renamed to the name asked for. A failed write, a
cancel or a failed commit removes the temporary file: there is never an export on disk without its
trace in the audit log. (The rename after the commit can still fail, e.g. on a full disk: then the
audit shows an export that is not there, which over-reports and never hides one.)
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from crm_desktop.db.store import Store
from crm_desktop.errors import InvalidInput
from crm_desktop.i18n import tr
from crm_desktop.progress import Progress, ensure
from crm_desktop.services import audit
from crm_desktop.services.auth import Actor

# The longest purpose kept in the audit log.
PURPOSE_MAX = 200
# Exports of client personal data with at least this many rows need a stated purpose in the desktop app
# (security.toml, [exports] reason_required_rows; 0: never required, the prompt is then optional).
REASON_REQUIRED_ROWS = 100
# The shortest purpose accepted where one is required (as for revealing a field).
PURPOSE_MIN = 4


def reason_required_rows() -> int:
    """The [exports] reason_required_rows of security.toml (the user's copy or CRM_SECURITY_CONFIG first)."""
    import tomllib

    from crm_desktop.services.auth import SECURITY_FILE
    from crm_desktop.services.callback_config import config_path

    path = config_path(SECURITY_FILE, "CRM_SECURITY_CONFIG")
    try:
        with open(path, "rb") as fh:
            table = tomllib.load(fh).get("exports", {})
        value = int(table.get("reason_required_rows", REASON_REQUIRED_ROWS))
    except (OSError, tomllib.TOMLDecodeError, TypeError, ValueError) as exc:
        raise InvalidInput(
            tr(
                "安全配置 {path} 无法读取：{err}",
                "The security settings {path} cannot be read: {err}",
                path=path,
                err=exc,
            )
        ) from exc
    if value < 0:
        raise InvalidInput(
            tr(
                "安全配置 {path}：[exports] reason_required_rows 不能为负数",
                "The security settings {path}: [exports] reason_required_rows cannot be negative",
                path=path,
            )
        )
    return value


def purpose_required(rows: int, threshold: int) -> bool:
    """Whether an export of ``rows`` rows of personal data needs a purpose (threshold 0: never)."""
    return threshold > 0 and rows >= threshold


def check_purpose(purpose: str | None, rows: int, threshold: int) -> str | None:
    """The purpose as the audit keeps it; InvalidInput when one is required and missing or too short."""
    text = clean_purpose(purpose)
    if purpose_required(rows, threshold) and len(text or "") < PURPOSE_MIN:
        raise InvalidInput(
            tr(
                "导出 {rows} 行客户个人信息（{n} 行及以上）需要写明用途（至少 {m} 个字），例如“季度回访名单”。",
                "Exporting {rows} rows of client personal data ({n} or more) needs a stated purpose (at least {m} "
                "characters), e.g. “quarterly call list”.",
                rows=rows,
                n=threshold,
                m=PURPOSE_MIN,
            )
        )
    return text


def clean_purpose(purpose: str | None) -> str | None:
    """The stated purpose of an export as the audit keeps it (trimmed, one line, bounded); None when empty."""
    if purpose is None:
        return None
    text = " ".join(purpose.split())
    if len(text) > PURPOSE_MAX:
        raise InvalidInput(
            tr(
                "导出用途最多 {n} 个字符。",
                "The purpose of an export may be at most {n} characters.",
                n=PURPOSE_MAX,
            )
        )
    return text or None


def _cannot_write(path: Path, exc: OSError) -> InvalidInput:
    return InvalidInput(
        tr(
            "无法写入 {path}：{err}。请选择可写的位置。",
            "Cannot write {path}: {err}. Choose a writable place.",
            path=path,
            err=exc.strerror or exc,
        )
    )


def write_audited(
    store: Store,
    actor: Actor,
    path: Path,
    write: Callable[[Path], Any],
    *,
    action: str,
    entity_type: str,
    rows: int,
    entity_id: object | None = None,
    purpose: str | None = None,
    progress: Progress | None = None,
    **details: Any,
) -> Path:
    """Write an export through ``write(temp_path)``, audit it, then give it its name ``path``."""
    path = Path(path)
    purpose = clean_purpose(purpose)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(
            prefix=f".{path.stem[:40]}.", suffix=f".part{path.suffix}", dir=path.parent
        )
        os.close(fd)
    except OSError as exc:
        raise _cannot_write(path, exc) from exc
    tmp = Path(name)
    try:
        try:
            write(tmp)
        except OSError as exc:
            raise _cannot_write(path, exc) from exc
        ensure(progress).check()
        with store.transaction() as session:
            audit.record(
                session,
                actor,
                action,
                entity_type,
                entity_id,
                file=path.name,
                rows=rows,
                purpose=purpose,
                **details,
            )
        try:
            os.replace(tmp, path)
        except OSError as exc:
            raise _cannot_write(path, exc) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise
    return path


def inside(folder: Path, name: str) -> Path:
    """``folder / name``, checked to be a file directly in ``folder`` (for file names made from data).

    Names are made safe first (``domain.identifiers.file_part``); this is the second lock: whatever a
    name holds, the file it resolves to must be in the folder the person chose, or nothing is written.
    """
    base = Path(folder).resolve()
    target = (base / name).resolve()
    if target.parent != base or name in ("", ".", ".."):
        raise InvalidInput(
            tr(
                "文件名 {name} 会写到所选文件夹之外：已拒绝。",
                "The file name {name} would be written outside the chosen folder: refused.",
                name="".join(ch if ch.isprintable() else "?" for ch in name)[:80],
            )
        )
    return Path(folder) / name
