"""Passwords: argon2id hashes only (the password itself is never stored, logged or shown), and a minimum length."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from analysis.accounts.errors import AccountError

MIN_LENGTH = 12
MAX_LENGTH = 1024  # argon2 hashes anything, but a megabyte "password" is only a way to spend the server's CPU
_HASHER = PasswordHasher()  # argon2id with the library's current recommended cost
# verified against when the account does not exist, so an unknown name costs the same time as a wrong password
_DUMMY_HASH = _HASHER.hash("not-a-password: equal timing for unknown names")


def check_policy(password: str) -> None:
    """Refuses a password too short or too long to be a real one; says the rule, never the password."""
    if len(password) < MIN_LENGTH:
        raise AccountError(
            lv=f"Parolei jābūt vismaz {MIN_LENGTH} rakstzīmes garai.",
            en=f"The password must be at least {MIN_LENGTH} characters long.",
        )
    if len(password) > MAX_LENGTH:
        raise AccountError(
            lv=f"Parole drīkst būt ne garāka par {MAX_LENGTH} rakstzīmēm.",
            en=f"The password may be at most {MAX_LENGTH} characters long.",
        )


def hash_password(password: str) -> str:
    check_policy(password)
    return _HASHER.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True only for the right password; an account without a local password (OIDC only) never matches."""
    if len(password) > MAX_LENGTH:
        return False
    try:
        return _HASHER.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False

