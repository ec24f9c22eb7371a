"""Regenerates the SYNTHETIC sample (SINTĒTISKI DATI): `python -m sample_municipalities.generate [out_dir]`."""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from analysis.catalogue import Catalogue, load_catalogue
from sample_municipalities import survey
from sample_municipalities.simulate import apply_gaps, check_complete, simulate_all
from sample_municipalities.territory import Profile, profile_of
from sample_municipalities.writers import (
    csp_table,
    long_rows,
    slug,
    write_csp_csv,
    write_group_workbook,
    write_long_csv,
    write_survey,
)

DEFAULT_SEED = 20240917
DEFAULT_OUT = Path(__file__).resolve().parent


def generate(*, out_dir: Path, seed: int = DEFAULT_SEED) -> list[Path]:
    """Writes every sample file under out_dir and returns their paths; same seed, same bytes."""
    # load inputs
    cat = load_catalogue()
    missing = check_complete(cat)
    if missing:
        raise ValueError(f"no simulation recipe for: {', '.join(missing)}")
    profiles = build_profiles(cat, seed=seed)
    names = [p.name for p in profiles]

    # process
    progs = survey.programmes(names, seed=seed)
    truth = simulate_all(cat, profiles, progs=progs, seed=seed)
    reported = apply_gaps(truth, cat, profiles, seed=seed)

    # save outputs
    out_dir = Path(out_dir)
    (out_dir / "workbooks").mkdir(parents=True, exist_ok=True)
    written = [out_dir / "national_long_sintetiski.csv"]
    write_long_csv(written[-1], long_rows(reported, cat, profiles))
    for p in profiles:
        written.append(out_dir / "workbooks" / f"{slug(p.name)}_sintetiski.xlsx")
        write_group_workbook(written[-1], p=p, data=reported, cat=cat)
    written += write_csp_exports(out_dir, truth=truth, reported=reported, cat=cat, profiles=profiles)
    written += write_surveys(out_dir, progs=progs, profiles=profiles, seed=seed)
    return written


def build_profiles(cat: Catalogue, *, seed: int) -> list[Profile]:
    """Every municipality in the catalogue, in catalogue order, with a seeded risk jitter."""
    rng = np.random.default_rng([seed, 7])
    return [profile_of(m, jitter=float(rng.uniform(-1, 1))) for m in cat.municipalities]


def write_csp_exports(out_dir: Path, *, truth, reported, cat: Catalogue, profiles: list[Profile]) -> list[Path]:
    """The statistics-portal export in Latvian and its English twin."""
    paths = []
    for english, name in ((False, "csp_export_sintetiski.csv"), (True, "csp_export_en_sintetiski.csv")):
        rows = csp_table(truth, reported, cat, profiles, english=english)
        paths.append(out_dir / name)
        write_csp_csv(paths[-1], rows, english=english)
    return paths


def write_surveys(out_dir: Path, *, progs, profiles: list[Profile], seed: int) -> list[Path]:
    """The 2024 survey (Latvian and English) and the 2022 round for comparison."""
    names = [p.name for p in profiles]
    rows_2024 = survey.survey_rows(names, progs, year=2024)
    rows_2022 = survey.survey_rows(names, progs, year=2022)
    rows_en = survey.english_rows(rows_2024, names_en={p.name: p.name_en for p in profiles}, seed=seed)
    paths = [out_dir / "survey_2024_sintetiski.xlsx", out_dir / "survey_2024_en_sintetiski.xlsx",
             out_dir / "survey_2022_sintetiski.xlsx"]
    write_survey(paths[0], rows_2024, columns=survey.COLUMNS_LV, year=2024, english=False)
    write_survey(paths[1], rows_en, columns=survey.COLUMNS_EN, year=2024, english=True)
    write_survey(paths[2], rows_2022, columns=survey.COLUMNS_LV, year=2022, english=False)
    return paths


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Regenerate the synthetic municipal sample data.")
    parser.add_argument("out_dir", nargs="?", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    paths = generate(out_dir=args.out_dir, seed=args.seed)
    print(f"{len(paths)} files written under {args.out_dir}")


if __name__ == "__main__":
    main()
