"""`python -m analysis users`: passwords from stdin only, municipalities by name, one LV and one EN line on refusal."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from analysis.accounts import authenticate, find_account
from analysis.cli import main
from analysis.store import make_engine
from tests.conftest import REPO

PASSWORD = "correct horse battery staple"


def _run(capsys, monkeypatch, argv, stdin=""):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(["users", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path):
    return f"sqlite:///{tmp_path / 'users.sqlite'}"


def test_add_list_disable_and_set_password(db, capsys, monkeypatch):
    code, out, err = _run(capsys, monkeypatch, ["add", "Cesis.Editor", "--role", "editor", "--municipality",
                                                "Cēsu novads", "--password-stdin", "--db", db], stdin=PASSWORD + "\n")
    assert (code, out, err) == (0, "Konts izveidots / account created: cesis.editor (municipal_editor)\n", "")
    assert _run(capsys, monkeypatch, ["add", "anna", "--role", "analyst", "--email", "Anna@bac.gov.lv",
                                      "--db", db])[0] == 0
    code, out, _ = _run(capsys, monkeypatch, ["list", "--db", db])
    lines = [line.split("\t") for line in out.splitlines()]
    assert code == 0 and [r[:6] for r in lines] == [
        ["name", "role", "municipalities", "email", "status", "password"],
        ["anna", "national_analyst", "-", "anna@bac.gov.lv", "enabled", "no"],
        ["cesis.editor", "municipal_editor", "Cēsu novads", "-", "enabled", "yes"],
    ]
    assert "$argon2" not in out and PASSWORD not in out
    engine = make_engine(db)
    assert authenticate(engine, name="cesis.editor", password=PASSWORD, client=None).ok
    assert _run(capsys, monkeypatch, ["set-password", "cesis.editor", "--password-stdin", "--db", db],
                stdin="a brand new passphrase\r\n")[:2] == (0, "Parole nomainīta / password changed: cesis.editor\n")
    assert authenticate(engine, name="cesis.editor", password="a brand new passphrase", client=None).ok
    assert not authenticate(engine, name="cesis.editor", password=PASSWORD, client=None).ok
    assert _run(capsys, monkeypatch, ["disable", "CESIS.EDITOR", "--db", db])[0] == 0
    assert find_account(engine, name="cesis.editor").disabled
    engine.dispose()


@pytest.mark.parametrize(("argv", "stdin", "lv", "en"), [
    (["add", "x1", "--role", "admin", "--password-stdin"], "short\n",
     "Parolei jābūt vismaz 12 rakstzīmes garai.", "The password must be at least 12 characters long."),
    (["add", "x1", "--role", "editor", "--municipality", "Atlantīda", "--password-stdin"], PASSWORD,
     "Pašvaldība 'Atlantīda' nav atrasta", "Municipality 'Atlantīda' not found"),
    (["add", "x1", "--role", "admin"], "",
     "Kontam vajag paroli", "An account needs a password (--password-stdin) or an e-mail for OIDC login (--email)."),
    (["disable", "ghost"], "", "Konta 'ghost' nav.", "There is no account 'ghost'."),
])
def test_refusals_are_one_latvian_and_one_english_line(db, capsys, monkeypatch, argv, stdin, lv, en):
    code, out, err = _run(capsys, monkeypatch, [*argv, "--db", db], stdin=stdin)
    assert code == 2 and out == ""
    first, second = err.splitlines()
    assert first.startswith(lv) and second.startswith(en)


def test_a_password_is_never_an_argument(capsys):
    with pytest.raises(SystemExit):
        main(["users", "add", "x1", "--role", "admin", "--password", PASSWORD])
    assert "unrecognized arguments" in capsys.readouterr().err


def test_check_refuses_a_shared_database_without_accounts(postgres_server, db):
    """Given the real PostgreSQL with no accounts / When `users check` runs as its own process / Then exit 2, LV+EN."""
    from sqlalchemy import text

    engine = make_engine(postgres_server)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    cmd = [sys.executable, "-m", "analysis", "users", "check", "--db", postgres_server]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.splitlines() == [
        "Kopīgajā datubāzē nav neviena lietotāja konta, tāpēc panelis netiek palaists. Izveidojiet pirmo kontu: "
        "python -m analysis users add VĀRDS --role administrator --password-stdin",
        "The shared database has no user accounts, so the dashboard does not start. Create the first account: "
        "python -m analysis users add NAME --role administrator --password-stdin",
    ]
    proc = subprocess.run([*cmd[:-2], "--db", db], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert (proc.returncode, proc.stdout) == (0, "Režīms / mode: local\n")
