"""The synthetic sample: regenerates identically, covers everything, and matches the published BAC 2024 figures."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from analysis.paths import SAMPLE_DIR
from sample_municipalities.generate import generate

YEARS = list(range(2015, 2026))
YES = {"jā", "yes", "x", "1", "y"}
NO = {"nē", "no", "0", "n"}


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    """Given the sample regenerated into an empty directory with the default seed."""
    out = tmp_path_factory.mktemp("sample")
    generate(out_dir=out)
    return out


@pytest.fixture(scope="module")
def long(regenerated) -> pd.DataFrame:
    return pd.read_csv(regenerated / "national_long_sintetiski.csv", dtype={"status": str, "note": str},
                       keep_default_na=False, na_values=[""])


def _survey(path: Path) -> pd.DataFrame:
    return pd.read_excel(path, sheet_name=0, dtype=object, engine="openpyxl")


def _flag(value) -> bool | None:
    """A yes/no cell however it was spelled; None when empty."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    text = str(value).strip().casefold()
    if text in YES:
        return True
    if text in NO:
        return False
    raise AssertionError(f"not a yes/no spelling: {value!r}")


def test_regeneration_is_byte_identical_to_committed_files(regenerated):
    """Given the committed sample, When it is regenerated, Then every file is byte-for-byte the same."""
    fresh = sorted(p.relative_to(regenerated) for p in regenerated.rglob("*") if p.is_file())
    assert fresh, "nothing generated"
    for rel in fresh:
        committed = SAMPLE_DIR / rel
        assert committed.exists(), f"{rel} is generated but not committed"
        assert committed.read_bytes() == (regenerated / rel).read_bytes(), f"{rel} differs from the committed copy"


def test_long_file_covers_every_municipality_indicator_and_year(long, cat):
    """Given the long file, Then each municipality × catalogue indicator has rows, and years run 2015–2025."""
    with open(SAMPLE_DIR / "national_long_sintetiski.csv", encoding="utf-8", newline="") as fh:
        assert next(csv.reader(fh)) == ["municipality", "indicator", "year", "value", "count", "denominator",
                                        "status", "note"]
    pairs = set(zip(long.municipality, long.indicator))
    expected = {(m.name_lv, i.id) for m in cat.municipalities for i in cat.indicators}
    assert pairs == expected
    assert sorted(long.year.unique()) == YEARS
    varaklani = long[long.municipality == "Varakļānu novads"]
    assert varaklani.year.max() == 2024
    assert set(long.status.dropna()) <= {"not_available", "zero", "confidential", "estimate"}


def test_from_the_merger_42_units_report_and_madona_reports_the_merged_territory(long, cat):
    """Given the 2025 merger (Varakļānu novads into Madonas novads on 2025-07-01), Then 2025 has figures for
    exactly the units in force on 2025-07-01, Varakļāni's series end in 2024 and Madona's 2025 counts are
    those of both territories (its children jump by about Varakļāni's)."""
    in_force = {m.name_lv for m in cat.municipalities_valid_on(date(2025, 7, 1))}
    assert set(long[long.year == 2025].municipality) == in_force
    assert len(in_force) == len(cat.municipalities) - 1
    kids = long[long.indicator == "children_0_17"].set_index(["municipality", "year"]).value
    jump = kids[("Madonas novads", 2025)] - kids[("Madonas novads", 2024)]
    assert 0.8 * kids[("Varakļānu novads", 2024)] < jump < 1.2 * kids[("Varakļānu novads", 2024)]
    care = long[(long.municipality == "Madonas novads") & (long.indicator == "children_in_out_of_family_care_rate")
                & (long.year == 2025)].iloc[0]
    assert care.denominator == kids[("Madonas novads", 2025)]


def test_rates_and_proportions_are_count_over_denominator(long, cat):
    """Given rows with a numerator and denominator, Then value = count / denominator × per, and the
    denominator equals the catalogue denominator indicator's value in the same year."""
    per = {i.id: i.per for i in cat.indicators}
    denom_of = {i.id: i.denominator for i in cat.indicators}
    rows = long.dropna(subset=["count", "denominator", "value"])
    rows = rows[rows.indicator.map(denom_of).notna()]
    expected = rows["count"] / rows["denominator"] * rows.indicator.map(per)
    assert (expected - rows.value).abs().max() < 0.051
    values = long.set_index(["municipality", "indicator", "year"]).value
    looked_up = [values.get((m, denom_of[i], y)) for m, i, y in zip(rows.municipality, rows.indicator, rows.year)]
    assert list(rows.denominator) == looked_up


def test_sample_has_the_planted_trends(long):
    """Given the planted signals, Then Tukums' child victims go 30 → 61 and Ludza's care count 55 → 81."""
    def counts(m, i):
        d = long[(long.municipality == m) & (long.indicator == i)].set_index("year")
        return d["count"].fillna(d.value).astype(int).to_dict()

    tukums = counts("Tukuma novads", "child_victims_crime")
    assert [tukums[y] for y in (2021, 2022, 2023, 2024)] == [30, 37, 46, 61]
    ludza = counts("Ludzas novads", "children_in_out_of_family_care")
    assert [ludza[y] for y in (2021, 2024)] == [55, 81]


def test_survey_2024_reproduces_the_published_figures(regenerated):
    """Given the 2024 survey, When counted directly, Then it matches BAC 2024: 8/11/24; 9/9; 9 + 4 monitoring;
    4 without children's views; domains 7→7, 8→8, 5→9; 3 out of date; terms 2–6 and one open-ended."""
    df = _survey(regenerated / "survey_2024_sintetiski.xlsx")
    assert len(df) == 43
    status = df["Programmas statuss"].value_counts().to_dict()
    assert status == {"Izstrādāta": 8, "Iekļauta citos plānošanas dokumentos": 11, "Nav izstrādāta": 24}
    has = df[df["Programmas statuss"] != "Nav izstrādāta"]
    assert (has["Secinājumi"] == "Jā").sum() == 9
    assert (has["Rīcības plāns"] == "Jā").sum() == 9
    assert has["Uzraudzības kārtība"].value_counts().to_dict() == {"Pilna": 9, "Nav": 6, "Tikai iestādes": 4}
    assert (has["Bērnu viedoklis iekļauts"] == "Nē").sum() == 4
    domains = has["Aptvertās jomas"].map(lambda s: {int(x) for x in str(s).split("; ")})
    assert [sum(d in ds for ds in domains) for d in (7, 8, 5)] == [7, 8, 9]
    developed = df[df["Programmas statuss"] == "Izstrādāta"]
    assert (developed["Programma aktualizēta"] == "Nē").sum() == 3
    open_ended = has[has["Darbības beigu gads"] == "beztermiņa"]
    assert len(open_ended) == 1 and int(open_ended["Darbības sākuma gads"].iloc[0]) == 2015
    fixed = has.drop(open_ended.index)
    lengths = fixed["Darbības beigu gads"].astype(int) - fixed["Darbības sākuma gads"].astype(int)
    assert lengths.min() == 2 and lengths.max() == 6
    none = df[df["Programmas statuss"] == "Nav izstrādāta"].drop(columns=["Pašvaldība", "Programmas statuss"])
    assert none.isna().all().all()


def test_english_survey_has_the_same_figures(regenerated):
    """Given the English variant with shuffled columns and mixed yes/no spellings, Then the figures are the same."""
    df = _survey(regenerated / "survey_2024_en_sintetiski.xlsx")
    assert list(df.columns)[0] == "Municipality" and "Programme status" in df.columns
    assert df["Programme status"].value_counts().to_dict() == {
        "not developed": 24, "in other planning documents": 11, "developed": 8}
    has = df[df["Programme status"] != "not developed"]
    assert has["Conclusions"].map(_flag).sum() == 9
    assert has["Action plan"].map(_flag).sum() == 9
    assert (~has["Children's views included"].map(_flag).astype(bool)).sum() == 4
    assert has["Monitoring"].value_counts().to_dict() == {"complete": 9, "none": 6, "institutions only": 4}
    assert (has["End year"] == "open-ended").sum() == 1
    spellings = {str(v) for col in ("Conclusions", "Action plan", "Children's views included") for v in has[col]}
    assert len(spellings) > 2, "yes/no should be spelled in more than one way"


def test_survey_2022_has_fewer_programmes(regenerated):
    """Given the 2022 round, Then 5 developed and 9 in other documents, all still present in 2024."""
    df22 = _survey(regenerated / "survey_2022_sintetiski.xlsx")
    df24 = _survey(regenerated / "survey_2024_sintetiski.xlsx")
    assert df22["Programmas statuss"].value_counts().to_dict() == {
        "Nav izstrādāta": 29, "Iekļauta citos plānošanas dokumentos": 9, "Izstrādāta": 5}
    with22 = set(df22.loc[df22["Programmas statuss"] != "Nav izstrādāta", "Pašvaldība"])
    with24 = set(df24.loc[df24["Programmas statuss"] != "Nav izstrādāta", "Pašvaldība"])
    assert with22 < with24


@pytest.mark.parametrize("name, first, latvia", [
    ("csp_export_sintetiski.csv", '"Teritoriālā vienība","Rādītāji","2020"', "Latvija"),
    ("csp_export_en_sintetiski.csv", '"Territorial unit","Indicator","2020"', "Latvia"),
])
def test_portal_exports_look_like_pxweb(regenerated, cat, name, first, latvia):
    """Given a portal export, Then it has a BOM, a quoted title, a blank line, the header, Latvia, 5 regions
    and all 43 municipalities, with '…' and '-' markers."""
    raw = (regenerated / name).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").split("\n")
    assert lines[0].startswith('"') and "SYNTHETIC" in lines[0] and lines[1] == ""
    assert lines[2].startswith(first) and lines[2].endswith('"2025"')
    units = {row[0] for row in csv.reader(lines[3:]) if row}
    assert latvia in units
    english = "en" in name
    assert {m.name_en if english else m.name_lv for m in cat.municipalities} <= units
    assert len(units) == 1 + 5 + 43
    assert ",…" in raw.decode("utf-8") and ",-" in raw.decode("utf-8")


def test_group_workbook_layout(regenerated, cat):
    """Given one municipality's workbook, Then it has 16 domain sheets with a synthetic title, the municipality
    line, a header with the years, one row per indicator and a source footnote."""
    wb = openpyxl.load_workbook(regenerated / "workbooks" / "cesu_novads_sintetiski.xlsx")
    assert len(wb.sheetnames) == 16
    for domain, name in zip(cat.domains, wb.sheetnames):
        assert name.startswith(f"{domain.no} ") and len(name) <= 31
        ws = wb[name]
        assert "SINTĒTISKI DATI / SYNTHETIC DATA" in ws["A1"].value
        assert ws["A2"].value == "Pašvaldība: Cēsu novads"
        header = [c.value for c in ws[4]]
        assert header[:2] == ["Rādītājs", "Mērvienība"] and header[2:-1] == YEARS and header[-1] == "Piezīmes"
        names = [ws.cell(row=r, column=1).value for r in range(5, 5 + len(cat.indicators_of(domain.no)))]
        assert names == [i.name_lv for i in cat.indicators_of(domain.no)]
        footer = [ws.cell(row=r, column=1).value for r in range(5, ws.max_row + 1)]
        assert any(str(v).startswith("Avots:") for v in footer if v)
    assert len(list((regenerated / "workbooks").glob("*_sintetiski.xlsx"))) == len(cat.municipalities)
