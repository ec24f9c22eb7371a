"""`python -m analysis ingest` and `python -m analysis template`: the upload contract for automation.

Exit codes: 0 read and valid (warnings allowed), 1 read but errors found (nothing stored), 2 not readable at all.
"""

from __future__ import annotations

import argparse
import csv
import getpass
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis.export_safety import neutralise
from analysis.report import Issue, Report

if TYPE_CHECKING:
    import pandas as pd

TIDY_HEADER = ("municipality", "indicator", "year", "value", "count", "denominator", "status")
EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "ingest",
        help="Nolasīt, pārbaudīt un saglabāt datu failus / read, validate and store data files",
        description="Nolasa failus, ziņo par visām problēmām un saglabā derīgos datus vienā transakcijā / "
        "Reads files, reports every problem and stores valid data in one transaction.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", type=Path)
    p.add_argument("--municipality", help="pašvaldība, ja failā tā nav norādīta / municipality when the file names none")
    p.add_argument("--db", help="datubāzes URL / database URL (default: DATABASE_URL or var/)")
    p.add_argument("--dry-run", action="store_true", help="tikai pārbaudīt, nesaglabāt / validate only, store nothing")
    p.add_argument(
        "--accept-valid-rows",
        action="store_true",
        help="saglabāt derīgās rindas arī tad, ja ir kļūdas / store the valid rows even when errors were found",
    )
    p.add_argument("--tidy-out", type=Path, help="CSV ar sakārtotiem datiem / CSV of the tidy rows")
    p.add_argument("--report-json", type=Path, help="pārskats JSON formātā / the report as JSON")
    p.add_argument("--uploader", default=None, help=argparse.SUPPRESS)
    # for `make bench` only: the same parse without its worker process, to measure what isolation costs
    p.add_argument("--in-process", action="store_true", help=argparse.SUPPRESS)
    p.set_defaults(func=run)

    t = subparsers.add_parser(
        "template",
        help="Lejupielādējamā datu veidne (.xlsx) / the downloadable data template (.xlsx)",
    )
    t.add_argument("--out", type=Path, required=True, metavar="PATH")
    t.set_defaults(func=run_template)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _fail(message: str) -> int:
    print(_one_line(message), file=sys.stderr)
    return EXIT_UNREADABLE


def run_template(args: argparse.Namespace) -> int:
    """Writes the template; a failure is one line on stderr."""
    try:
        from analysis.catalogue import catalogue
        from analysis.ingest.template import write_template

        args.out.parent.mkdir(parents=True, exist_ok=True)
        write_template(args.out, catalogue=catalogue())
    except Exception as exc:  # noqa: BLE001 — the CLI boundary: one line, never a traceback
        return _fail(f"Veidni neizdevās uzrakstīt / Could not write the template: {exc}")
    print(f"Veidne saglabāta / Template written: {args.out}")
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    """Each file is read, checked and stored on its own; the exit code is the worst of them."""
    try:
        return _run(args)
    except Exception as exc:  # noqa: BLE001 — the CLI boundary: one line, never a traceback
        return _fail(f"Negaidīta kļūda / Unexpected error: {type(exc).__name__}: {exc}")


def _run(args: argparse.Namespace) -> int:
    from analysis.access import Actor, Role
    from analysis.ingest.worker import ParseJob, start

    # Whoever runs the command line holds the database itself: a national analyst, named as the shell user.
    actor = Actor(name=args.uploader or f"cli:{_user()}", role=Role.NATIONAL_ANALYST)

    def job(path: Path, mappings: dict[str, str] | None) -> ParseJob:
        return ParseJob(file_name=path.name, path=str(path), municipality=args.municipality, mappings=mappings,
                        actor=actor)

    # The first file's parse starts before this process imports anything heavy: one child reads the file, another
    # loads pandas and waits for the saved mappings, which this process finds without pandas while they work.
    first = start(job(args.files[0], None), split=True) if args.files and not args.in_process else None
    try:
        return _run_files(args, actor=actor, job=job, first=first)
    finally:
        if first is not None:
            first.cancel()


def _run_files(args: argparse.Namespace, *, actor, job, first) -> int:
    """Each file in turn: the first one's parse may be running already. Pandas and the store's writing side load
    only once the first parse has its mappings."""
    from analysis.ingest.worker import parse

    engine = None
    if not args.dry_run:
        from analysis.paths import database_url
        from analysis.store import init_db, make_engine

        engine = make_engine(args.db or database_url())
        init_db(engine)
    mappings = None
    if engine is not None:
        from analysis.store import label_mappings

        mappings = label_mappings(engine)

    worst = EXIT_OK
    combined = Report()
    tidy: list[pd.DataFrame] = []
    per_file: list[dict[str, Any]] = []
    for path in args.files:
        running, first = first, None
        earlier = _current_upload(path, engine)
        if earlier is not None:
            if running is not None:
                running.cancel()
            print(f"{path.name}: {_already_current(earlier)}")
            per_file.append({"file": str(path), "readable": True, "upload_id": earlier, "duplicate": True})
            continue
        if running is not None:
            running.hand(mappings or {})
            running.wait_read()  # the reader keeps a core to itself; pandas loads here while the checks run
        from analysis.ingest.storing import store_result

        if running is not None:
            parsed = running.finish()
        else:
            parsed = parse(job(path, mappings or {}), isolated=not args.in_process)
        if parsed.result is None:
            lv, en = (_one_line(text) for text in parsed.error or ("", ""))
            message = f"{lv} / {en}"
            print(message, file=sys.stderr)
            worst = max(worst, EXIT_UNREADABLE)
            combined.issues.append(Issue(parsed.code or "unreadable-file", "error", None, None, None, lv, en))
            per_file.append({"file": str(path), "readable": False, "message": message})
            continue
        result = parsed.result
        stored = None
        if engine is not None:
            stored = store_result(engine, result, actor=actor, accept_valid_rows=args.accept_valid_rows)
        code = EXIT_OK if result.report.valid else EXIT_ERRORS
        worst = max(worst, code)
        combined.issues.extend(result.report.issues)
        if args.tidy_out:  # only when asked: the names are mapped over every row
            from analysis.catalogue import catalogue

            tidy.append(_tidy(result.rows, catalogue=catalogue()))
        per_file.append(
            {
                "file": str(path),
                "readable": True,
                "valid": result.report.valid,
                "layouts": result.layouts,
                "stats": result.report.stats,
                "upload_id": stored.upload_id if stored else None,
                "duplicate": bool(stored.duplicate) if stored else False,
            }
        )
        _summary(path, result, stored, dry_run=args.dry_run, accept=args.accept_valid_rows)

    if args.tidy_out:
        import pandas as pd

        frame = pd.concat(tidy, ignore_index=True) if tidy else pd.DataFrame(columns=list(TIDY_HEADER))
        write_tidy_csv(frame, args.tidy_out)
    if args.report_json:
        combined.stats = _combined_stats(per_file)
        payload = combined.to_dict()
        args.report_json.parent.mkdir(parents=True, exist_ok=True)
        args.report_json.write_text(json.dumps(payload, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    return worst


def _current_upload(path: Path, engine) -> int | None:
    """The upload in effect that is exactly this file, found by its hash before any parsing."""
    if engine is None:
        return None
    import hashlib

    from analysis.ingest.safety import Limits
    from analysis.store import current_upload_with_sha

    try:
        if not 0 < path.stat().st_size <= Limits().max_bytes:
            return None  # the worker refuses it with the reason
        with path.open("rb") as fh:
            sha = hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return None
    return current_upload_with_sha(engine, sha256=sha)


def _already_current(upload_id: int) -> str:
    return (f"šis fails jau ir spēkā esošā augšupielāde {upload_id}, tāpēc netika apstrādāts vēlreiz / "
            f"this file is already the current upload {upload_id}, so it was not processed again")


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001
        return "unknown"


def _combined_stats(per_file: list[dict[str, Any]]) -> dict[str, Any]:
    totals = {k: 0 for k in ("rows_read", "rows_accepted", "rows_rejected", "rows_skipped")}
    for f in per_file:
        for k in totals:
            totals[k] += int(f.get("stats", {}).get(k, 0))
    return {**totals, "files": per_file}


def _tidy(rows: pd.DataFrame, *, catalogue) -> pd.DataFrame:
    """The contract's columns: official Latvian municipality name, catalogue id or source label, plain numbers."""
    import pandas as pd

    names = {m.code: m.name_lv for m in catalogue.municipalities}
    return pd.DataFrame(
        {
            "municipality": rows["municipality_code"].map(names),
            "indicator": rows["indicator"],
            "year": rows["year"],
            "value": rows["value"],
            "count": rows["count"],
            "denominator": rows["denominator"],
            "status": rows["status"],
        }
    )


def _number(x: Any) -> str:
    if x is None or (isinstance(x, float) and x != x):
        return ""
    x = float(x)
    return str(int(x)) if x.is_integer() and abs(x) < 1e15 else repr(x)


def write_tidy_csv(frame: pd.DataFrame, path: Path) -> None:
    """UTF-8 CSV with exactly the contract's header; text that could run as a formula is neutralised."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(TIDY_HEADER)
        for muni, ind, year, value, count, den, status in frame[list(TIDY_HEADER)].itertuples(index=False, name=None):
            w.writerow(
                [
                    neutralise(muni or ""),
                    neutralise(ind or ""),
                    int(year),
                    _number(value),
                    _number(count),
                    _number(den),
                    status or "",
                ]
            )


def _summary(path: Path, result, stored, *, dry_run: bool, accept: bool) -> None:
    s = result.report.stats
    issues = s.get("issues", {})
    if dry_run:
        where = "sausais režīms, nekas nav saglabāts / dry run, nothing stored"
    elif stored is None and not result.report.valid:
        where = "kļūdu dēļ nekas nav saglabāts / nothing stored because of errors"
    elif stored is None:
        where = "nav ko saglabāt / nothing to store"
    elif stored.duplicate:
        where = f"šis fails jau saglabāts (augšupielāde {stored.upload_id}) / already stored (upload {stored.upload_id})"
    else:
        suffix = " (tikai derīgās rindas / valid rows only)" if accept and not result.report.valid else ""
        where = f"saglabāts kā augšupielāde {stored.upload_id} / stored as upload {stored.upload_id}{suffix}"
    print(f"{path.name}: {', '.join(sorted(set(result.layouts.values()))) or '—'}")
    print(
        f"  rindas / rows: nolasītas / read {s.get('rows_read', 0)}, pieņemtas / accepted {s.get('rows_accepted', 0)}, "
        f"noraidītas / rejected {s.get('rows_rejected', 0)}, izlaistas / skipped {s.get('rows_skipped', 0)}"
    )
    print(
        f"  problēmas / issues: kļūdas / errors {issues.get('error', 0)}, brīdinājumi / warnings "
        f"{issues.get('warning', 0)}, info {issues.get('info', 0)}"
    )
    print(f"  {where}")
