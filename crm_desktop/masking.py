"""Masking of client personal data, as shown by default everywhere."""

from __future__ import annotations


def mask_id_number(value: str | None) -> str:
    """110105199001011234 -> 110105********1234 (region code and last four kept)."""
    if not value:
        return ""
    v = value.strip()
    if len(v) <= 10:
        return v[:2] + "*" * max(len(v) - 4, 0) + v[-2:] if len(v) > 4 else "*" * len(v)
    return v[:6] + "*" * (len(v) - 10) + v[-4:]


def mask_phone(value: str | None) -> str:
    """13812345678 -> 138****5678."""
    if not value:
        return ""
    v = value.strip()
    if len(v) < 7:
        return "*" * len(v)
    return v[:3] + "*" * (len(v) - 7) + v[-4:]


def mask_email(value: str | None) -> str:
    """zhang.san@example.com -> z***@example.com."""
    if not value:
        return ""
    v = value.strip()
    local, sep, domain = v.partition("@")
    if not sep:
        return v[:1] + "***"
    return f"{local[:1]}***@{domain}"


def mask_address(value: str | None) -> str:
    """北京市朝阳区建国路88号 -> 北京市朝阳区****: the first part (province, city, district) only.

    At most six characters and never more than half of the address are kept, so a short address shows
    little more than its city."""
    if not value:
        return ""
    v = " ".join(value.split())
    keep = min(6, len(v) // 2)
    return v[:keep] + "****"


def mask_client_no(value: str | None) -> str:
    """For letters: keep the first 2 and last 4 digits."""
    if not value:
        return ""
    v = value.strip()
    if len(v) <= 6:
        return "*" * (len(v) - 2) + v[-2:]
    return v[:2] + "*" * (len(v) - 6) + v[-4:]


def mask_name(value: str | None) -> str:
    """A client's name as head office's figures show it: the surname only."""
    if not value:
        return ""
    v = value.strip()
    return v[:1] + "*" * (len(v) - 1)
