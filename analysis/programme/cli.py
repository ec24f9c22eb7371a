"""`programme` subcommand: the programme records: the XLSX template out and back in, the synthetic sample."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "programme",
        help="Bērnu tiesību aizsardzības programma / the child-rights protection programme",
        description="Programmas ieraksti / programme records",
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION")

    sample = actions.add_parser("sample", help="ielādēt sintētiskās programmas / load the synthetic programmes")
    sample.add_argument("--db", default=None, help="SQLAlchemy URL")
    sample.set_defaults(func=run_sample)

    export = actions.add_parser("export", help="programmas XLSX veidne / the programme as an XLSX template")
    export.add_argument("--municipality", metavar="NAME", default=None,
                        help="pašvaldība (nosaukums vai kods); bez tās tukša veidne / municipality (name or code)")
    export.add_argument("--out", metavar="FILE", required=True, help="XLSX fails / the .xlsx file to write")
    export.add_argument("--lang", choices=("lv", "en"), default="lv", help="valoda / language")
    export.add_argument("--db", default=None, help="SQLAlchemy URL")
    export.set_defaults(func=run_export)

    imp = actions.add_parser("import", help="ielādēt aizpildītu veidni / load a filled-in template")
    imp.add_argument("file", metavar="FILE", help="XLSX fails / the .xlsx file")
    imp.add_argument("--municipality", metavar="NAME", default=None,
                     help="ielādēt šai pašvaldībai (citādi — failā norādītajai) / load for this municipality")
    imp.add_argument("--db", default=None, help="SQLAlchemy URL")
    imp.add_argument("--dry-run", action="store_true", help="tikai pārbaudīt / check only, store nothing")
    imp.add_argument("--report-json", metavar="PATH", default=None, help="pārbaudes pārskats / write the report")
    imp.set_defaults(func=run_import)
    p.set_defaults(func=lambda args: (p.print_help(), EXIT_OK)[1])


def _engine(url: str | None):
    from analysis.store import init_db, make_engine

    engine = make_engine(url)
    init_db(engine)
    return engine


def run_sample(args: argparse.Namespace) -> int:
    """Stores the records behind the synthetic 2024 survey, once (municipalities that have programmes are skipped)."""
    from analysis.sample import load_sample_programmes

    added, have = load_sample_programmes(_engine(args.db))
    print(f"Paraugprogrammas / sample programmes: {added} saglabātas / stored, {have} jau bija / already there")
    return EXIT_OK


def _write_report(path: str | None, report) -> None:
    if path:
        Path(path).write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _cli_actor():
    """The operator at the terminal: the database's owner, acting as a national analyst under their login name."""
    import getpass

    from analysis.access import Actor, Role

    try:
        who = getpass.getuser()
    except (KeyError, OSError):
        who = "cli"
    return Actor(name=f"cli:{who}", role=Role.NATIONAL_ANALYST)


def _municipality(cat, text: str | None):
    """The municipality a name or code names, or None; prints why not."""
    if text is None:
        return None
    m = cat.municipality(text) or cat.areas_index.municipality(text)
    if m is None:
        print(f"Nezināma pašvaldība “{text}” / unknown municipality “{text}”", file=sys.stderr)
    return m


def run_export(args: argparse.Namespace) -> int:
    """Writes the municipality's newest programme (or an empty template for it) as the XLSX template."""
    from analysis.catalogue import catalogue
    from analysis.programme.model import Programme
    from analysis.programme.store import latest_programmes
    from analysis.programme.workbook import programme_workbook
    from analysis.store import data_version

    cat = catalogue()
    programme = Programme(municipality_code="")
    version = None
    if args.municipality is not None:
        muni = _municipality(cat, args.municipality)
        if muni is None:
            return EXIT_UNREADABLE
        try:
            engine = _engine(args.db)
            stored = latest_programmes(engine, actor=_cli_actor(), municipality_code=muni.code)
            version = data_version(engine)
        except Exception as exc:  # noqa: BLE001 - the CLI boundary prints one line, never a traceback
            print(f"Datubāzi nevar nolasīt / cannot read the database: {' '.join(str(exc).split())[:300]}",
                  file=sys.stderr)
            return EXIT_UNREADABLE
        newest = max(stored, key=lambda s: (s.programme.start_year or 0, s.id), default=None)
        programme = newest.programme if newest else Programme(municipality_code=muni.code)
    blob = programme_workbook(programme, catalogue=cat, lang=args.lang, data_version=version)
    try:
        Path(args.out).write_bytes(blob)
    except OSError as exc:
        print(f"Failu “{args.out}” nevar ierakstīt / cannot write “{args.out}”: {exc.strerror}", file=sys.stderr)
        return EXIT_UNREADABLE
    print(f"Programmas veidne / programme template: {args.out}")
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    """Checks the file, lists every finding with sheet/row/column, and stores it as one new version when clean."""
    from analysis.catalogue import catalogue
    from analysis.programme.xlsx_import import UNREADABLE_CODES, read_programme_file, store_imported

    cat = catalogue()
    code = None
    if args.municipality is not None:
        muni = _municipality(cat, args.municipality)
        if muni is None:
            return EXIT_UNREADABLE
        code = muni.code
    result = read_programme_file(Path(args.file), catalogue=cat, municipality_code=code)
    _write_report(args.report_json, result.report)
    for i in result.report.issues:
        where = ", ".join(x for x in (i.sheet, f"rinda/row {i.row}" if i.row else None,
                                      f"kolonna/column {i.column}" if i.column else None) if x)
        print(f"{i.severity}: {i.code}: {where + ': ' if where else ''}{i.message}", file=sys.stderr)
    if result.programme is None:
        unreadable = any(i.code in UNREADABLE_CODES
                         for i in result.report.issues)
        print("Nav saglabāts / not stored", file=sys.stderr)
        return EXIT_UNREADABLE if unreadable else EXIT_ERRORS
    if args.dry_run:
        print("Pārbaudīts, nav saglabāts (--dry-run) / checked, not stored (--dry-run)")
        return EXIT_OK
    from analysis.access import AccessDenied
    from analysis.programme.store import ProgrammeInvalid

    try:
        stored = store_imported(_engine(args.db), actor=_cli_actor(), result=result, catalogue=cat,
                                note=f"XLSX: {Path(args.file).name}")
    except (AccessDenied, ProgrammeInvalid) as exc:
        print(f"Nav saglabāts / not stored: {exc}", file=sys.stderr)
        return EXIT_ERRORS
    except Exception as exc:  # noqa: BLE001 - the CLI boundary prints one line, never a traceback
        print(f"Datubāzē nevar ierakstīt / cannot write the database: {' '.join(str(exc).split())[:300]}",
              file=sys.stderr)
        return EXIT_UNREADABLE
    what = "jau bija / already stored" if stored.duplicate else "saglabāta / stored"
    print(f"Programma {stored.id}, versija {stored.version} ({stored.municipality_code}): {what} / "
          f"programme {stored.id}, version {stored.version}")
    return EXIT_OK
