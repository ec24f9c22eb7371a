"""`programme export` / `programme import`: the template out of the database, back into another municipality."""

from __future__ import annotations

import json

import openpyxl

from analysis.cli import main
from analysis.programme.store import latest_programmes
from analysis.sample import SAMPLE_ACTOR
from analysis.store import init_db, make_engine


def _run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_then_import_into_a_second_municipality(capsys, tmp_path):
    """Given the sample programmes / When Rēzekne's programme is exported and imported for Cēsis (none yet), twice /
    Then Cēsis gets the same record once (the second import adds no version)."""
    db = f"sqlite:///{tmp_path / 'p.sqlite'}"
    assert _run(capsys, "programme", "sample", "--db", db)[0] == 0
    out_file = tmp_path / "cesis.xlsx"
    code, out, _ = _run(capsys, "programme", "export", "--municipality", "Rēzekne", "--db", db,
                        "--out", str(out_file))
    assert code == 0 and out_file.exists()
    engine = make_engine(db)
    source = latest_programmes(engine, actor=SAMPLE_ACTOR, municipality_code="LV0006000")
    report = tmp_path / "report.json"
    code, out, err = _run(capsys, "programme", "import", str(out_file), "--municipality", "Cēsu novads",
                          "--db", db, "--report-json", str(report))
    assert code == 0, err
    assert json.loads(report.read_text())["valid"] is True
    cesis = latest_programmes(engine, actor=SAMPLE_ACTOR, municipality_code="LV0026000")
    assert [s.programme.to_dict() for s in cesis] == [
        {**s.programme.to_dict(), "municipality_code": "LV0026000"} for s in source]
    assert len(source[0].programme.conclusions) == 10 and len(source[0].programme.measures) == 1
    assert [s.version for s in cesis] == [1] and cesis[0].saved_by.startswith("cli:")
    code, out, _ = _run(capsys, "programme", "import", str(out_file), "--municipality", "Cēsu novads",
                        "--db", db)
    assert code == 0 and "already stored" in out
    assert len(latest_programmes(engine, actor=SAMPLE_ACTOR)) == 20
    engine.dispose()


def test_a_bad_file_is_listed_and_nothing_is_stored(capsys, tmp_path):
    """Given a template with a wrong date / Then exit 1, the cell named on stderr, the database untouched."""
    db = f"sqlite:///{tmp_path / 'p.sqlite'}"
    out_file = tmp_path / "t.xlsx"
    assert _run(capsys, "programme", "export", "--out", str(out_file))[0] == 0
    book = openpyxl.load_workbook(out_file)
    book["Programma"]["B2"] = "LV0026000"
    book["Rīcības plāns"]["A2"] = "M1"
    book["Rīcības plāns"]["E2"] = "nākamgad"
    book.save(out_file)
    code, out, err = _run(capsys, "programme", "import", str(out_file), "--db", db)
    assert code == 1
    assert ("error: programme-xlsx-bad-date: Rīcības plāns, rinda/row 2, kolonna/column Termiņš: "
            "“nākamgad” nav datums (DD.MM.GGGG) / “nākamgad” is not a date (DD.MM.YYYY)") in err
    engine = make_engine(db)
    init_db(engine)
    assert latest_programmes(engine, actor=SAMPLE_ACTOR) == []
    engine.dispose()


def test_not_a_workbook_and_unknown_municipality_exit_2(capsys, tmp_path):
    bad = tmp_path / "x.xlsx"
    bad.write_text("nav darbgrāmata")
    db = f"sqlite:///{tmp_path / 'p.sqlite'}"
    code, _, err = _run(capsys, "programme", "import", str(bad), "--db", db)
    assert code == 2 and "programme-xlsx-not-xlsx" in err and "Traceback" not in err
    code, _, err = _run(capsys, "programme", "export", "--municipality", "Atlantīda", "--out", str(bad))
    assert code == 2 and "Atlantīda" in err
