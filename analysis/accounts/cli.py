"""`python -m analysis users`: accounts managed from the server's shell (the shell user acts as administrator).

Passwords are read from standard input only (never an argument, which `ps` and shell history would show).
Exit codes: 0 done, 2 refused or not possible (one message, Latvian line then English line).
"""

from __future__ import annotations

import argparse
import getpass
import sys

EXIT_OK, EXIT_REFUSED = 0, 2
ROLE_ALIASES = {
    "editor": "municipal_editor", "municipal_editor": "municipal_editor",
    "analyst": "national_analyst", "national_analyst": "national_analyst",
    "admin": "administrator", "administrator": "administrator",
}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("users", help="Lietotāju konti / user accounts",
                       description="Lietotāju konti un lomas / user accounts and roles")
    actions = p.add_subparsers(dest="action", metavar="ACTION")

    add = actions.add_parser("add", help="izveidot kontu / create an account")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", required=True, choices=sorted(ROLE_ALIASES), metavar="ROLE",
                     help="municipal_editor (editor) | national_analyst (analyst) | administrator (admin)")
    add.add_argument("--municipality", action="append", default=[], metavar="NAME",
                     help="redaktora pašvaldība (var atkārtot) / the editor's municipality (repeatable)")
    add.add_argument("--email", help="e-pasts OIDC pieteikšanās vajadzībām / e-mail for OIDC login")
    add.add_argument("--password-stdin", action="store_true", help="nolasīt paroli no stdin / read the password from stdin")
    add.set_defaults(func=run_add)

    lst = actions.add_parser("list", help="visi konti / every account")
    lst.set_defaults(func=run_list)

    for name, func, help_ in (("disable", run_disable, "atslēgt kontu / disable an account"),
                              ("enable", run_enable, "atkal ieslēgt kontu / enable an account again")):
        q = actions.add_parser(name, help=help_)
        q.add_argument("name", metavar="NAME")
        q.set_defaults(func=func)

    pw = actions.add_parser("set-password", help="nomainīt paroli / set a new password")
    pw.add_argument("name", metavar="NAME")
    pw.add_argument("--password-stdin", action="store_true", required=True,
                    help="nolasīt paroli no stdin / read the password from stdin")
    pw.set_defaults(func=run_set_password)

    check = actions.add_parser("check", help="vai panelis drīkst startēt / whether the dashboard may start")
    check.set_defaults(func=run_check)

    for q in (add, lst, pw, check, *(actions.choices[n] for n in ("disable", "enable"))):
        q.add_argument("--db", default=None, help="SQLAlchemy URL (default: DATABASE_URL or var/)")
    p.set_defaults(func=lambda args: (p.print_help(), EXIT_OK)[1])


def _engine(url: str | None):
    from analysis.store import init_db, make_engine

    engine = make_engine(url)
    init_db(engine)
    return engine


def _cli_actor():
    from analysis.access import Actor, Role

    return Actor(name=f"cli:{getpass.getuser()}", role=Role.ADMINISTRATOR)


def _refused(exc) -> int:
    print(exc.lv, file=sys.stderr)
    print(exc.en, file=sys.stderr)
    return EXIT_REFUSED


def _read_password() -> str:
    """One line from stdin (a terminal is asked without echo); only the line break is removed."""
    if sys.stdin.isatty():
        return getpass.getpass("Parole / Password: ")
    return sys.stdin.readline().removesuffix("\n").removesuffix("\r")


def _codes(names: list[str]) -> list[str]:
    from analysis.accounts import AccountError
    from analysis.catalogue import catalogue

    index = catalogue().areas_index
    codes = []
    for text in names:
        m = index.municipality(text)
        if m is None:
            near = ", ".join(index.closest(text)) or "—"
            raise AccountError(lv=f"Pašvaldība '{text}' nav atrasta; tuvākās: {near}.",
                               en=f"Municipality '{text}' not found; closest: {near}.")
        codes.append(m.code)
    return codes


def _guarded(action):
    from analysis.access import AccessDenied
    from analysis.accounts import AccountError

    try:
        return action()
    except (AccountError, AccessDenied) as exc:
        return _refused(exc)


def run_add(args: argparse.Namespace) -> int:
    from analysis.accounts import add_account

    def act() -> int:
        password = _read_password() if args.password_stdin else None
        account = add_account(_engine(args.db), actor=_cli_actor(), name=args.name, role=ROLE_ALIASES[args.role],
                              municipalities=_codes(args.municipality), password=password, email=args.email)
        print(f"Konts izveidots / account created: {account.name} ({account.role.value})")
        return EXIT_OK

    return _guarded(act)


def run_list(args: argparse.Namespace) -> int:
    from analysis.accounts import list_accounts
    from analysis.catalogue import catalogue

    def act() -> int:
        cat = catalogue()
        print("name\trole\tmunicipalities\temail\tstatus\tpassword\tcreated_at\tcreated_by")
        for a in list_accounts(_engine(args.db), actor=_cli_actor()):
            munis = "; ".join(m.name_lv if (m := cat.municipality(c)) else c for c in a.municipalities) or "-"
            print("\t".join([a.name, a.role.value, munis, a.email or "-", "disabled" if a.disabled else "enabled",
                             "yes" if a.has_password else "no", a.created_at.strftime("%Y-%m-%d %H:%M"),
                             a.created_by]))
        return EXIT_OK

    return _guarded(act)


def run_disable(args: argparse.Namespace) -> int:
    from analysis.accounts import disable_account

    def act() -> int:
        disable_account(_engine(args.db), actor=_cli_actor(), name=args.name)
        print(f"Konts atslēgts / account disabled: {args.name.strip().casefold()}")
        return EXIT_OK

    return _guarded(act)


def run_enable(args: argparse.Namespace) -> int:
    from analysis.accounts import enable_account

    def act() -> int:
        enable_account(_engine(args.db), actor=_cli_actor(), name=args.name)
        print(f"Konts ieslēgts / account enabled: {args.name.strip().casefold()}")
        return EXIT_OK

    return _guarded(act)


def run_set_password(args: argparse.Namespace) -> int:
    from analysis.accounts import set_password

    def act() -> int:
        set_password(_engine(args.db), actor=_cli_actor(), name=args.name, password=_read_password())
        print(f"Parole nomainīta / password changed: {args.name.strip().casefold()}")
        return EXIT_OK

    return _guarded(act)


def run_check(args: argparse.Namespace) -> int:
    """Exit 2 on a shared database with no accounts: `make serve` and deployments run this before starting."""
    from analysis.accounts import REFUSAL_EN, REFUSAL_LV, Mode, login_mode

    mode = login_mode(_engine(args.db))
    if mode is Mode.REFUSE:
        print(REFUSAL_LV, file=sys.stderr)
        print(REFUSAL_EN, file=sys.stderr)
        return EXIT_REFUSED
    print(f"Režīms / mode: {mode.value}")
    return EXIT_OK
