"""Accounts, login and the audit log: who may use the service, how they prove it, and the record of what they did."""

from analysis.accounts.audit import audit_csv, audit_log, audit_xlsx
from analysis.accounts.errors import AccountError
from analysis.accounts.login import LoginOutcome, actor_for_email, authenticate, logout, oidc_login, throttled
from analysis.accounts.repository import (
    Account,
    add_account,
    count_accounts,
    disable_account,
    enable_account,
    find_account,
    list_accounts,
    set_password,
)
from analysis.accounts.sessions import REFUSAL_EN, REFUSAL_LV, Mode, login_mode, session_end

__all__ = [
    "REFUSAL_EN",
    "REFUSAL_LV",
    "Account",
    "AccountError",
    "LoginOutcome",
    "Mode",
    "actor_for_email",
    "add_account",
    "audit_csv",
    "audit_log",
    "audit_xlsx",
    "authenticate",
    "count_accounts",
    "disable_account",
    "enable_account",
    "find_account",
    "list_accounts",
    "login_mode",
    "logout",
    "oidc_login",
    "session_end",
    "set_password",
    "throttled",
]
