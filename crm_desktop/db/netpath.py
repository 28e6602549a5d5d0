"""Is a file on a network share? SQLite's locking and WAL journal are not safe on SMB or NFS.

Windows: a UNC path (``\\\\server\\share``) or a drive letter that GetDriveTypeW reports as remote (a
mapped drive). Linux: the mount that holds the file, from /proc/mounts, has a network file-system type.
Elsewhere nothing is detected. The platform facts are parameters so that every branch is testable on
any machine.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path, PurePath, PureWindowsPath

NETWORK_FS_TYPES = frozenset(
    {
        "cifs",
        "smb3",
        "smbfs",
        "nfs",
        "nfs4",
        "afs",
        "ncpfs",
        "9p",
        "ceph",
        "glusterfs",
        "fuse.sshfs",
        "fuse.smbnetfs",
        "fuse.glusterfs",
    }
)
DRIVE_REMOTE = 4
"""GetDriveTypeW's answer for a network drive."""


def _windows_drive_type(root: str) -> int:
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]


def _read_mounts() -> str:
    try:
        return Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _unescape_mount(field: str) -> str:
    # /proc/mounts writes space, tab, newline and backslash as octal escapes.
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def linux_mount_fstype(path: PurePath, mounts: str) -> str | None:
    """The file-system type of the deepest mount point that holds ``path`` (absolute)."""
    best: tuple[int, str] | None = None
    target = path.as_posix()
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point, fstype = _unescape_mount(fields[1]), fields[2]
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) >= best[0]):
            best = (len(point), fstype)
    return best[1] if best else None


def is_network_path(
    path: str | PurePath,
    *,
    platform: str | None = None,
    mounts: str | None = None,
    drive_type: Callable[[str], int] | None = None,
) -> bool:
    """True when ``path`` is on a network share, as far as this platform can tell."""
    platform = platform or sys.platform
    if platform == "win32":
        win = PureWindowsPath(str(path))
        if str(path).startswith(("\\\\", "//")) or win.drive.startswith("\\\\"):
            return True
        if len(win.drive) == 2 and win.drive[1] == ":":
            try:
                return (drive_type or _windows_drive_type)(win.drive + "\\") == DRIVE_REMOTE
            except Exception:  # no answer from the OS: say nothing rather than refuse a store
                return False
        return False
    if platform.startswith("linux"):
        target = PurePath(os.path.realpath(str(path))) if mounts is None else PurePath(str(path))
        fstype = linux_mount_fstype(target, _read_mounts() if mounts is None else mounts)
        return fstype is not None and fstype in NETWORK_FS_TYPES
    return False
