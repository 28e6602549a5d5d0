"""The UI font: the system's CJK font where there is one, the bundled one otherwise."""

from __future__ import annotations

from crm_desktop.gui.fonts import choose_system_family


def test_windows_prefers_yahei_ui() -> None:
    assert (
        choose_system_family(["Arial", "Microsoft YaHei", "Microsoft YaHei UI", "SimSun"])
        == "Microsoft YaHei UI"
    )


def test_mac_and_linux_fonts() -> None:
    assert choose_system_family(["Helvetica", "PingFang SC"]) == "PingFang SC"
    assert choose_system_family(["DejaVu Sans", "Noto Sans CJK SC"]) == "Noto Sans CJK SC"
    assert choose_system_family(["dejavu sans", "noto sans cjk sc"]) == "noto sans cjk sc"


def test_bundled_when_no_system_cjk_font() -> None:
    assert choose_system_family(["DejaVu Sans", "Liberation Serif"]) is None
    assert choose_system_family([]) is None


def test_override() -> None:
    assert choose_system_family(["Microsoft YaHei"], "bundled") is None
    assert choose_system_family(["Microsoft YaHei", "SimHei"], "SimHei") == "SimHei"
    assert choose_system_family(["Microsoft YaHei"], "Not Installed") == "Microsoft YaHei"


def test_pdfs_keep_the_bundled_font() -> None:
    from crm_desktop.fonts import FAMILY, font_path

    assert font_path().is_file() and FAMILY == "WenQuanYi Micro Hei"
