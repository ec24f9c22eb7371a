"""Accounts: made only by an administrator, with a password hash or an e-mail, never a default; changes audited."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from analysis.access import PUBLIC, AccessDenied, Actor, Role
from analysis.accounts import (
    AccountError,
    add_account,
    count_accounts,
    disable_account,
    enable_account,
    find_account,
    list_accounts,
    set_password,
)
from analysis.store.audit import read_events
from analysis.store.schema import accounts

ADMIN = Actor(name="cli:root", role=Role.ADMINISTRATOR)
ANALYST = Actor(name="bac", role=Role.NATIONAL_ANALYST)
CESIS = "LV0026000"
PASSWORD = "correct horse battery staple"


def test_an_account_stores_an_argon2_hash_never_the_password(any_engine):
    """Given an editor made by the administrator / Then the row holds an argon2id hash and no trace of the password."""
    made = add_account(any_engine, actor=ADMIN, name=" Cesis.Editor ", role="municipal_editor",
                       municipalities=[CESIS], password=PASSWORD)
    assert (made.name, made.role, made.municipalities, made.has_password, made.disabled) == (
        "cesis.editor", Role.MUNICIPAL_EDITOR, (CESIS,), True, False)
    assert made.actor() == Actor(name="cesis.editor", role=Role.MUNICIPAL_EDITOR, municipalities={CESIS})
    with any_engine.connect() as conn:
        stored = conn.execute(select(accounts.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert "password_hash" not in repr(made) and stored not in repr(made)
    events = read_events(any_engine)
    assert events[["actor", "action", "subject", "detail"]].values.tolist() == [
        ["cli:root", "account_add", "cesis.editor",
         f"role=municipal_editor; municipalities={CESIS}; password=yes; email=no"]]
    assert not events.astype(str).apply(lambda c: c.str.contains(PASSWORD[:10])).any().any()


@pytest.mark.parametrize("actor", [PUBLIC, ANALYST, Actor(name="e", role=Role.MUNICIPAL_EDITOR,
                                                          municipalities={CESIS})],
                         ids=["public", "national_analyst", "municipal_editor"])
def test_only_an_administrator_manages_accounts(engine, actor):
    with pytest.raises(AccessDenied, match="Only an administrator manages accounts"):
        add_account(engine, actor=actor, name="mallory", role="administrator", password=PASSWORD)
    add_account(engine, actor=ADMIN, name="anna", role="national_analyst", password=PASSWORD)
    for call in (lambda: disable_account(engine, actor=actor, name="anna"),
                 lambda: set_password(engine, actor=actor, name="anna", password="x" * 20),
                 lambda: list_accounts(engine, actor=actor)):
        with pytest.raises(AccessDenied):
            call()
    assert [a.name for a in list_accounts(engine, actor=ADMIN)] == ["anna"]


@pytest.mark.parametrize(
    ("kwargs", "en"),
    [
        (dict(name="a b", role="national_analyst", password=PASSWORD), "An account name has 2–64 letters"),
        (dict(name="x", role="national_analyst", password=PASSWORD), "An account name has 2–64 letters"),
        (dict(name="anna", role="public", password=PASSWORD), "The role must be one of"),
        (dict(name="anna", role="superuser", password=PASSWORD), "The role must be one of"),
        (dict(name="anna", role="municipal_editor", password=PASSWORD), "needs at least one municipality"),
        (dict(name="anna", role="national_analyst", municipalities=[CESIS], password=PASSWORD),
         "Municipalities are given to municipal editors only"),
        (dict(name="anna", role="national_analyst"), "needs a password (--password-stdin) or an e-mail"),
        (dict(name="anna", role="national_analyst", password="short"), "at least 12 characters"),
        (dict(name="anna", role="national_analyst", password=""), "at least 12 characters"),
        (dict(name="anna", role="national_analyst", email="not-an-email"), "e-mail address is not valid"),
    ],
)
def test_an_account_that_could_not_be_used_safely_is_refused(engine, kwargs, en):
    with pytest.raises(AccountError) as err:
        add_account(engine, actor=ADMIN, **kwargs)
    assert en in err.value.en and err.value.lv and err.value.lv != err.value.en
    assert count_accounts(engine) == 0 and read_events(engine).empty


def test_names_and_emails_are_unique_ignoring_case(engine):
    add_account(engine, actor=ADMIN, name="Anna", role="national_analyst", email="Anna@BAC.gov.lv")
    with pytest.raises(AccountError, match="already exists"):
        add_account(engine, actor=ADMIN, name="ANNA", role="national_analyst", password=PASSWORD)
    with pytest.raises(AccountError, match="already belongs to another account"):
        add_account(engine, actor=ADMIN, name="anna2", role="national_analyst", email="anna@bac.gov.lv ")
    assert find_account(engine, name="anna").email == "anna@bac.gov.lv"


def test_disable_enable_and_password_changes_are_audited(engine):
    add_account(engine, actor=ADMIN, name="anna", role="national_analyst", password=PASSWORD)
    assert disable_account(engine, actor=ADMIN, name="ANNA").disabled is True
    assert count_accounts(engine) == 1  # a disabled account still keeps login on
    assert enable_account(engine, actor=ADMIN, name="anna").disabled is False
    set_password(engine, actor=ADMIN, name="anna", password="another long password")
    with pytest.raises(AccountError, match="There is no account 'bob'"):
        disable_account(engine, actor=ADMIN, name="bob")
    assert read_events(engine)[["action", "subject"]].values.tolist()[::-1] == [
        ["account_add", "anna"], ["account_disable", "anna"], ["account_enable", "anna"],
        ["account_password", "anna"]]
