"""Issue 20: identifiers have a strict shape (import, CLI) and file names made from data stay in --out."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from crm_desktop.cli.main import main
from crm_desktop.domain import identifiers as ids
from crm_desktop.errors import InvalidInput
from crm_desktop.services import letters
from crm_desktop.services.exports import inside
from crm_desktop.services.importing import ImportRejected, run_import
from tests.factories import PASSWORD, Seed, add_client
from tests.importing.samples import CLIENTS_ROWS, CLIENTS_ZH, write_csv
from tests.letters.data import AS_OF, add_account_data

TRAVERSALS = ["/abs/X", "../../X", "..\\..\\X", "a/b", ".hidden", "-rf", "x y", "客户1", "a" * 33, "00\x001"]


@pytest.mark.parametrize("value", ["001000", "X1", "A-1_b", "0" * 32])
def test_client_numbers_in_use_are_accepted(value: str) -> None:
    assert ids.is_client_no(value)


@pytest.mark.parametrize("value", TRAVERSALS)
def test_malformed_client_numbers_are_refused(value: str) -> None:
    assert not ids.is_client_no(value)


def test_file_part_never_leaves_the_folder(tmp_path: Path) -> None:
    for value in [*TRAVERSALS, "..", ".", "", "/", "../"]:
        part = ids.file_part(value)
        assert "/" not in part and "\\" not in part and ".." not in part and not part.startswith((".", "-"))
        assert inside(tmp_path, f"{part}_2026-01-01.pdf").parent == tmp_path
    assert ids.file_part("001000") == "001000"
    with pytest.raises(InvalidInput):
        inside(tmp_path, "../x.pdf")
    with pytest.raises(InvalidInput):
        inside(tmp_path, "/abs/x.pdf")


def test_import_refuses_path_like_client_numbers(seeded: Seed, tmp_path: Path) -> None:
    rows = []
    for no in ("/abs/X", "../../X"):
        r = list(CLIENTS_ROWS[0])
        r[0] = no
        rows.append(r)
    with pytest.raises(ImportRejected) as ei:
        run_import(seeded.store, seeded.admin, "clients", write_csv(tmp_path / "c.csv", CLIENTS_ZH, rows))
    errors = ei.value.result.errors
    assert [(e.row, e.column, e.value) for e in errors] == [(2, "客户号", "/abs/X"), (3, "客户号", "../../X")]
    assert "客户号只能包含" in errors[0].reason


def test_letters_for_a_crafted_client_stay_in_out(seeded: Seed, tmp_path: Path, monkeypatch) -> None:
    add_account_data(seeded)
    # A client number no import accepts, inserted behind the importer's back.
    for no in ("../../evil", "/abs/evil"):
        add_client(seeded.store, no, branch_id=1, manager_id=seeded.im1.id, name="假客户")
    out = tmp_path / "deep" / "out"
    r = letters.generate_letter(seeded.store, seeded.im1, "../../evil", as_of=AS_OF, out_dir=out)
    assert r.path is not None and r.path.parent == out and r.path.exists()
    evil = f"{ids.file_part('../../evil')}_2026-10-15.pdf"
    assert r.path.name == evil and "/" not in evil and not evil.startswith(".")
    batch = letters.generate_batch(
        seeded.store, seeded.im1, ["../../evil", "/abs/evil"], out, as_of=AS_OF, workers=1
    )
    assert not batch.failures
    assert all(x.path is not None and x.path.parent == out for x in batch.letters)
    assert sorted(p.name for p in out.iterdir()) == sorted([evil, "_abs_evil_2026-10-15.pdf"])
    assert {p.name for p in tmp_path.iterdir()} <= {
        "deep",
        "crm.sqlite3",
        "crm.sqlite3-shm",
        "crm.sqlite3-wal",
    }
    assert not Path("/abs").exists()
    # and through the command line, the batch by manager
    monkeypatch.setenv("CRM_PASSWORD", PASSWORD)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    url = seeded.store.url.render_as_string(hide_password=False)
    cli_out = tmp_path / "cli"
    main(["--db", url, "letters", "--manager", "im1", "--out", str(cli_out), "--as-of", "2026-10-15",
          "--workers", "1", "--quiet", "--as-user", "im1"])  # fmt: skip
    names = sorted(p.name for p in cli_out.iterdir())
    assert evil in names and "_abs_evil_2026-10-15.pdf" in names
    assert all(p.parent == cli_out for p in cli_out.iterdir())


def test_cli_refuses_malformed_identifiers(seeded: Seed, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CRM_PASSWORD", PASSWORD)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    url = seeded.store.url.render_as_string(hide_password=False)
    out = str(tmp_path / "o")
    assert main(["--db", url, "letters", "--client", "../../X", "--out", out, "--as-user", "im1"]) == 3
    assert main(["--db", url, "letters", "--client", "/abs/X", "--out", out, "--as-user", "im1"]) == 3
    assert main(["--db", url, "letters", "--manager", "../im1", "--out", out, "--as-user", "bm"]) == 3
    assert not Path(out).exists()
    assert (
        main(
            [
                "--db",
                url,
                "user",
                "add",
                "../x",
                "--role",
                "investment_manager",
                "--name",
                "X",
                "--as-user",
                "admin",
            ]
        )
        == 3
    )
