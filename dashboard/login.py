"""Who is using this session: the login form (or OIDC), the session's end, and the actor every page and call is given.

The router calls `gate()` once per run, before navigation; every page and helper then asks `current_actor()`.
The password is read from the form once, checked by analysis.accounts and never kept, logged or shown.
"""

from __future__ import annotations

from datetime import datetime, timezone

import streamlit as st

from analysis.access import LOCAL_ANALYST, PUBLIC, Actor, Role
from analysis.accounts import (
    REFUSAL_EN,
    REFUSAL_LV,
    Mode,
    authenticate,
    find_account,
    login_mode,
    logout,
    oidc_login,
    session_end,
)
from analysis.paths import database_url
from analysis.store.audit import record_event
from dashboard import data
from dashboard.i18n import t

SESSION_KEY = "_login_session"  # {"actor": Actor, "started": datetime, "last_seen": datetime, "via": str}
ACTOR_KEY = "_login_actor"  # the actor gate() decided for this run
NOTICE_KEY = "_login_notice"  # why the last session ended, shown once
OIDC_REFUSED_KEY = "_login_oidc_refused"  # the e-mail an OIDC login was refused for (audited once, not every rerun)
AUDITED_FILES_KEY = "_login_audited_files"
FORM_KEY = "login_form"


def client() -> str | None:
    """The client's address as the server saw it; None on localhost (Streamlit's own rule) and without a connection."""
    try:
        ip = st.context.ip_address
    except Exception:  # noqa: BLE001 - outside a browser session there is no connection
        return None
    return ip if isinstance(ip, str) and ip else None  # AppTest hands a stand-in object, not an address


@st.cache_data(ttl=5, show_spinner=False)
def _mode(url: str) -> Mode:
    """Whether login is on; cached for a few seconds, so the first account turns it on almost at once."""
    return login_mode(data.engine())


def oidc_configured() -> bool:
    """`.streamlit/secrets.toml` has an [auth] section: Streamlit's st.login replaces the local form."""
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no secrets file at all
        return False


def current_actor() -> Actor:
    """The actor of this run: PUBLIC unless logged in, LOCAL_ANALYST on a fresh embedded database at the machine.

    Also right in a widget callback (which runs before the router's gate): a session past its time is PUBLIC here.
    """
    actor = st.session_state.get(ACTOR_KEY)
    if not isinstance(actor, Actor):
        return PUBLIC
    session = st.session_state.get(SESSION_KEY)
    if session is not None and session_end(started=session["started"], last_seen=session["last_seen"], now=_now()):
        return PUBLIC
    return actor


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _role_label(actor: Actor) -> str:
    return t(f"login.role_{actor.role.value}")


def gate(*, sidebar: bool = True) -> Actor:
    """Decides this run's actor and shows the sidebar's login box (not in the print view, which has no sidebar); on
    a shared database without accounts, stops."""
    mode = _mode(database_url())
    if mode is Mode.REFUSE:
        st.error(REFUSAL_LV, icon=":material/lock:")
        st.error(REFUSAL_EN, icon=":material/lock:")
        st.stop()
    if mode is Mode.LOCAL:
        actor = LOCAL_ANALYST if client() is None else PUBLIC
        st.session_state[ACTOR_KEY] = actor
        if sidebar:
            st.sidebar.info(t("login.local_banner") if actor is LOCAL_ANALYST else t("login.remote_without_accounts"),
                            icon=":material/person:")
        return actor
    actor = _session_actor()
    st.session_state[ACTOR_KEY] = actor
    if sidebar:
        with st.sidebar:
            if actor.is_public:
                _oidc_box() if oidc_configured() else _login_form()
            else:
                _account_box(actor)
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        st.info(t(notice), icon=":material/logout:")
    return actor


def _session_actor() -> Actor:
    """The logged-in account, re-read each run: ended when idle or old, and at once when disabled or changed."""
    session = st.session_state.get(SESSION_KEY)
    if session is None and oidc_configured():
        session = _oidc_session()
    if session is None:
        return PUBLIC
    now = _now()
    reason = session_end(started=session["started"], last_seen=session["last_seen"], now=now)
    account = find_account(data.engine(), name=session["actor"].name)
    if reason is None and (account is None or account.disabled):
        reason = "disabled"
    if reason is not None:
        _end(session["actor"], reason=reason)
        return PUBLIC
    session["actor"] = account.actor()  # a role or municipality changed by the administrator applies at once
    session["last_seen"] = now
    return session["actor"]


def _end(actor: Actor, *, reason: str) -> None:
    logout(data.engine(), actor=actor, client=client(), reason=reason)
    st.session_state.pop(SESSION_KEY, None)
    st.session_state[ACTOR_KEY] = PUBLIC
    st.session_state[NOTICE_KEY] = f"login.ended_{reason}"


def _start(actor: Actor, *, via: str) -> None:
    now = _now()
    st.session_state[SESSION_KEY] = {"actor": actor, "started": now, "last_seen": now, "via": via}
    st.session_state[ACTOR_KEY] = actor


def _login_form() -> None:
    """Name and password in one form (sent once, on submit); the password field is emptied after every try."""
    st.subheader(t("login.heading"))
    with st.form(FORM_KEY, clear_on_submit=True, border=False):
        name = st.text_input(t("login.name"), key="login_name", autocomplete="username")
        password = st.text_input(t("login.password"), type="password", key="login_password",
                                 autocomplete="current-password")
        sent = st.form_submit_button(t("login.submit"), icon=":material/login:")
    if not sent:
        st.caption(t("login.public_note"))
        return
    outcome = authenticate(data.engine(), name=name, password=password, client=client())
    st.session_state.pop("login_password", None)  # the server keeps no copy of the password after the check
    if outcome.ok:
        _start(outcome.actor, via="password")
        st.rerun()
    st.error(t(f"login.refused_{outcome.reason}"), icon=":material/error:")


def _oidc_session() -> dict | None:
    """After st.login: the identity provider's e-mail mapped to an account, audited once per refusal."""
    user = st.user
    if not user.is_logged_in:
        return None
    email = user.get("email")
    if st.session_state.get(OIDC_REFUSED_KEY) == email:
        return None
    outcome = oidc_login(data.engine(), email=email, verified=bool(user.get("email_verified", True)), client=client())
    if not outcome.ok:
        st.session_state[OIDC_REFUSED_KEY] = email
        return None
    _start(outcome.actor, via="oidc")
    return st.session_state[SESSION_KEY]


def _oidc_box() -> None:
    st.subheader(t("login.heading"))
    if st.user.is_logged_in:  # known to the identity provider but not to us
        st.warning(t("login.refused_no_account"), icon=":material/error:")
        st.button(t("login.logout"), on_click=_oidc_logout, icon=":material/logout:", key="login_oidc_out")
        return
    st.button(t("login.oidc_submit"), on_click=st.login, icon=":material/login:", key="login_oidc")
    st.caption(t("login.public_note"))


def _oidc_logout() -> None:
    st.session_state.pop(OIDC_REFUSED_KEY, None)
    st.logout()


def _logout_clicked() -> None:
    session = st.session_state.get(SESSION_KEY)
    if session is not None:
        _end(session["actor"], reason="logout")
        if session.get("via") == "oidc":
            st.logout()


def _account_box(actor: Actor) -> None:
    """Who is logged in, with which role and municipalities (plain text: the name is an account's), and log out."""
    st.caption(t("login.logged_in_as"))
    st.text(f"{actor.name} · {_role_label(actor)}")
    if actor.role is Role.MUNICIPAL_EDITOR:
        cat = data.catalogue()
        st.text(", ".join(m.name_lv if (m := cat.municipality(c)) else c for c in sorted(actor.municipalities)))
    st.button(t("login.logout"), on_click=_logout_clicked, icon=":material/logout:", key="login_logout")


def audit_upload(*, file_name: str, sha256: str) -> None:
    """A file dropped for checking: one 'upload' event per file per session (reruns do not repeat it)."""
    seen = st.session_state.setdefault(AUDITED_FILES_KEY, set())
    if sha256 in seen:
        return
    seen.add(sha256)
    record_event(data.engine(), actor=current_actor(), action="upload", file_name=file_name, client=client(),
                 detail=f"sha256={sha256[:16]}")
