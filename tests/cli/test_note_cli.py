"""crm note add|list: the CLI face of quick add's client note, with its exit codes."""

from __future__ import annotations

import io
import sys

import pytest

from crm_desktop.cli.main import main
from tests.factories import PASSWORD, Seed


@pytest.fixture
def cli(seeded: Seed, monkeypatch: pytest.MonkeyPatch):
    url = seeded.store.url.render_as_string(hide_password=False)
    monkeypatch.setenv("CRM_PASSWORD", PASSWORD)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))

    def run(*args: str) -> int:
        return main(["--db", url, *args])

    return run


def test_note_add_and_list(cli, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli("note", "add", "--client", "001000", "--text", "儿子在海外读书", "--as-user", "im1") == 0
    assert "001000" in capsys.readouterr().out
    assert cli("note", "list", "--client", "001000", "--as-user", "bm") == 0
    assert "儿子在海外读书" in capsys.readouterr().out


def test_note_refusals_exit_codes(cli) -> None:
    # another manager's client: not found (3); an administrator: permission denied (4); empty: invalid (3)
    assert cli("note", "add", "--client", "001000", "--text", "x", "--as-user", "im2") == 3
    assert cli("note", "add", "--client", "001000", "--text", "x", "--as-user", "admin") == 4
    assert cli("note", "add", "--client", "001000", "--text", "  ", "--as-user", "im1") == 3
