"""SQLite on a network share is refused with a clear message; every platform's detection is testable here."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

from crm_desktop.db import store as store_module
from crm_desktop.db.netpath import DRIVE_REMOTE, is_network_path, linux_mount_fstype
from crm_desktop.db.store import open_store
from crm_desktop.errors import UnsafeStoreLocation

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
proc /proc proc rw 0 0
//fileserver/crm /mnt/share cifs rw,vers=3.0 0 0
server:/export /home/nfs nfs4 rw 0 0
/dev/sdb1 /mnt/share/local\\040disk ext4 rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/home/user/crm.sqlite3", False),
        ("/mnt/share/crm.sqlite3", True),
        ("/mnt/shared/crm.sqlite3", False),  # a sibling whose name only starts like the share
        ("/home/nfs/u/crm.sqlite3", True),
        ("/mnt/share/local disk/crm.sqlite3", False),  # a local disk mounted inside the share (escaped space)
    ],
)
def test_linux_mounts(path: str, expected: bool) -> None:
    assert is_network_path(path, platform="linux", mounts=MOUNTS) is expected


def test_linux_deepest_mount_wins() -> None:
    assert linux_mount_fstype(PurePosixPath("/mnt/share/x"), MOUNTS) == "cifs"
    assert linux_mount_fstype(PurePosixPath("/mnt/share/local disk/x"), MOUNTS) == "ext4"


def _drives(remote: set[str]):
    def drive_type(root: str) -> int:
        assert root.endswith("\\")
        return DRIVE_REMOTE if root[0].upper() in remote else 3  # 3: DRIVE_FIXED

    return drive_type


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (r"\\server\share\crm.sqlite3", True),
        ("//server/share/crm.sqlite3", True),
        (r"C:\Users\li\AppData\Local\crm-desktop\crm.sqlite3", False),
        (r"Z:\crm\crm.sqlite3", True),  # a mapped network drive
        (r"z:\crm.sqlite3", True),
        ("relative.sqlite3", False),
    ],
)
def test_windows_paths(path: str, expected: bool) -> None:
    assert is_network_path(path, platform="win32", drive_type=_drives({"Z"})) is expected


def test_windows_drive_type_failure_does_not_refuse() -> None:
    def broken(_root: str) -> int:
        raise OSError("no answer")

    assert is_network_path(r"Y:\crm.sqlite3", platform="win32", drive_type=broken) is False


def test_other_platforms_detect_nothing() -> None:
    assert is_network_path("/Volumes/share/crm.sqlite3", platform="darwin") is False


def test_store_on_a_share_is_refused_unless_accepted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    target = tmp_path / "crm.sqlite3"
    monkeypatch.setattr(store_module, "is_network_path", lambda p: Path(p) == target)
    with pytest.raises(UnsafeStoreLocation) as err:
        open_store(f"sqlite:///{target}")
    assert err.value.exit_code == 3 and "网络共享" in err.value.message and "PostgreSQL" in err.value.message
    assert not target.exists()
    monkeypatch.setenv("CRM_ALLOW_NETWORK_SQLITE", "1")
    store = open_store(f"sqlite:///{target}")
    store.dispose()
    assert "network share" in caplog.text
