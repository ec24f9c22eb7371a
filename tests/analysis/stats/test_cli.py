"""`python -m analysis trends`: end to end from a tidy CSV or a database, and clean failures."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from analysis.access import Actor, Role
from analysis.cli import main
from analysis.stats.cli import HEADER
from analysis.stats.prepare import CHILDREN_POPULATION
from analysis.store import store_upload
from tests.cli import run_cli

REPO = Path(__file__).resolve().parents[3]

# Child-crime-like counts in 3,000 children: (municipality, counts 2022–2024).
SERIES = [
    ("Rīga", (3, 20, 25)),  # 2022 below the threshold
    ("Daugavpils", (30, 45, 61)),
    ("Jūrmala", (6, 7, 8)),  # its 2022 cell is hidden so Rīga's cannot be worked out from Latvia's total
    ("Cēsu novads", (9, 11, 12)),
]


@pytest.fixture(scope="module")
def victims(cat):
    """The catalogue's first lower-is-better rate per children 0–17 with the default small-number rule."""
    return next(
        i
        for i in cat.indicators
        if i.kind == "rate"
        and i.denominator == CHILDREN_POPULATION
        and i.polarity == "lower_is_better"
        and i.small_n_threshold == 5
    )


def _tidy_rows(ind) -> list[list[object]]:
    rows = []
    for name, series in SERIES:
        for year, count in zip((2022, 2023, 2024), series):
            rows.append([name, CHILDREN_POPULATION, year, 3000, "", "", ""])
            rows.append([name, ind.id, year, count / 3000 * ind.per, count, 3000, ""])
    rows.append(["Latvija", ind.id, 2024, 9.0, "", "", ""])  # an aggregate: reported, used as national
    rows.append(["Nekurzemes novads", ind.id, 2024, 1.0, "", "", ""])
    return rows


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _expected(ind) -> list[dict[str, str]]:
    per = ind.per
    v = lambda c: f"{c / 3000 * per:.10g}"  # noqa: E731 - a value per `per` children, written as the CLI does
    return [
        dict(
            municipality="Rīga",
            first_value="<5",
            last_value=v(25),
            change="",
            pct_change="",
            direction="",
            assessment="not_tested",
            significant="",
            benchmark="similar",
        ),
        dict(
            municipality="Daugavpils",
            first_value=v(30),
            last_value=v(61),
            change=f"{61 / 3000 * per - 30 / 3000 * per:.10g}",
            pct_change=f"{(61 - 30) / 30 * 100:.10g}",
            direction="increasing",
            assessment="worsening",
            significant="true",
            benchmark="worse",
        ),
        dict(
            municipality="Jūrmala",
            first_value="x",
            last_value=v(8),
            change="",
            pct_change="",
            direction="",
            assessment="not_tested",
            significant="",
            benchmark="better",
        ),
        dict(
            municipality="Cēsu novads",
            first_value=v(9),
            last_value=v(12),
            change=f"{12 / 3000 * per - 9 / 3000 * per:.10g}",
            pct_change=f"{(12 - 9) / 9 * 100:.10g}",
            direction="increasing",
            assessment="no_significant_change",
            significant="false",
            benchmark="better",
        ),
    ]


def _check(rows: list[dict[str, str]], ind) -> None:
    got = [r for r in rows if r["indicator"] == ind.id]
    assert [(r["first_year"], r["last_year"]) for r in got] == [("2022", "2024")] * 4
    keys = [
        "municipality",
        "first_value",
        "last_value",
        "change",
        "pct_change",
        "direction",
        "assessment",
        "significant",
        "benchmark",
    ]
    assert [{k: r[k] for k in keys} for r in got] == _expected(ind)
    p_values = [float(r["p_value"]) if r["p_value"] else None for r in got]
    assert p_values == [None, pytest.approx(0.00103612, rel=1e-5), None, pytest.approx(0.51525512, rel=1e-6)]
    # a trend not tested says why; one tested says nothing; none of them crosses a territorial change
    assert [bool(r["reason"]) for r in got] == [p is None for p in p_values]
    assert {(r["territory"], r["territory_units"]) for r in got} == {("", "")}
    children = [r for r in rows if r["indicator"] == CHILDREN_POPULATION]
    assert {(r["assessment"], r["direction"], r["change"], r["benchmark"]) for r in children} == {
        ("not_tested", "unchanged", "0", "not_compared")
    }


def test_trends_from_a_tidy_csv(tmp_path, victims, capsys):
    """Given a tidy CSV as `ingest --tidy-out` writes it (Latvian names, a Latvia row, an unknown name) /
    When `trends --from-tidy` runs / Then exit 0, the exact header, one row per municipality × indicator
    with the small-number rules applied, and one warning line for the unknown name."""
    src = tmp_path / "tidy.csv"
    with src.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["municipality", "indicator", "year", "value", "count", "denominator", "status"])
        w.writerows(_tidy_rows(victims))
    out = tmp_path / "trends.csv"
    assert main(["trends", "--from-tidy", str(src), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").splitlines()[0] == ",".join(HEADER)
    _check(_read(out), victims)
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "Nezināma pašvaldība „Nekurzemes novads” (1 rindas) izlaista / "
        "Unknown municipality “Nekurzemes novads” (1 rows) skipped"
    ]


def test_trends_from_the_database(tmp_path, engine, victims):
    """Given the same figures stored in the database / When `trends --db` runs / Then the same rows."""
    codes = {
        "Rīga": "LV0001000",
        "Daugavpils": "LV0002000",
        "Jūrmala": "LV0004000",
        "Cēsu novads": "LV0026000",
    }
    rows = [r for r in _tidy_rows(victims) if r[0] in codes]
    frame = pd.DataFrame(
        rows, columns=["municipality", "indicator", "year", "value", "count", "denominator", "status"]
    )
    frame["municipality_code"] = frame.pop("municipality").map(codes)
    for c in ("count", "denominator"):
        frame[c] = pd.to_numeric(frame[c].replace("", None))
    frame["status"] = None
    store_upload(engine, file_name="t.csv", sha256="0" * 64, size_bytes=1, actor=Actor(name="test", role=Role.NATIONAL_ANALYST), rows=frame)
    out = tmp_path / "db.csv"
    assert main(["trends", "--db", str(engine.url), "--out", str(out), "--window", "3"]) == 0
    _check(_read(out), victims)


@pytest.mark.parametrize(
    "args, message",
    [
        (["--from-tidy", "missing.csv"], "Fails nav atrasts / File not found"),
        (["--from-tidy", "{bad}"], "Trūkst kolonnu / Missing columns: municipality, indicator, year, value"),
        (["--from-tidy", "{binary}"], "Failu nevar nolasīt kā CSV / Cannot read the file as CSV"),
        (["--db", "sqlite:///{tmp}/empty.sqlite"], "Datubāzi nevar nolasīt / Cannot read the database"),
        (["--db", "not a url"], "Datubāzi nevar nolasīt / Cannot read the database"),
    ],
)
def test_unreadable_input_exits_2_with_one_line(tmp_path, args, message):
    """Given input that cannot be read / When `trends` runs as a process / Then exit code 2 and a single
    Latvian / English line on stderr, never a traceback."""
    (tmp_path / "bad.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (tmp_path / "binary.csv").write_bytes(b"\x00\xff\xfe\x00")
    filled = [a.format(bad=tmp_path / "bad.csv", binary=tmp_path / "binary.csv", tmp=tmp_path) for a in args]
    proc = run_cli("trends", *filled, "--out", tmp_path / "o.csv")
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(message), proc.stderr


def test_trends_say_when_a_series_was_put_on_todays_territory(tmp_path):
    """Given a custom series for Madonas and Varakļānu novads 2023–2024 and the merged Madona in 2025, with
    counts and denominators / When `trends --from-tidy` runs, and again without Varakļānu's 2024 row / Then
    Madona's trend is marked territory_adjusted over both units, and without that row it is not tested and says
    why."""
    label = "Bērni audžuģimenēs"
    rows = [
        ("Madonas novads", label, 2023, "", 40, 4000), ("Varakļānu novads", label, 2023, "", 5, 500),
        ("Madonas novads", label, 2024, "", 44, 4000), ("Varakļānu novads", label, 2024, "", 6, 500),
        ("Madonas novads", label, 2025, "", 60, 4500),
    ]

    def trends(kept) -> dict[str, str]:
        src, out = tmp_path / "tidy.csv", tmp_path / "trends.csv"
        with src.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["municipality", "indicator", "year", "value", "count", "denominator", "status"])
            w.writerows([(*r, "") for r in kept])
        assert main(["trends", "--from-tidy", str(src), "--out", str(out)]) == 0
        return next(r for r in _read(out) if r["municipality"] == "Madonas novads")

    merged = trends(rows)
    assert (merged["first_year"], merged["last_year"], merged["territory"], merged["territory_units"]) == (
        "2023", "2025", "territory_adjusted", "LV0038000;LV0055000")
    assert merged["reason"] == "" and merged["p_value"] != ""
    partial = trends([r for r in rows if not (r[0] == "Varakļānu novads" and r[2] == 2024)])
    assert (partial["assessment"], partial["reason"], partial["territory"]) == (
        "not_tested", "territory_predecessor_missing", "territory_not_adjusted")
