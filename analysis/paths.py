"""Where the project's files live, decided once so that no module guesses."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
SAMPLE_DIR = PROJECT_ROOT / "sample_municipalities"
VAR_DIR = PROJECT_ROOT / "var"
DEFAULT_DB_PATH = VAR_DIR / "bernu_tiesibas.sqlite"


def database_url() -> str:
    """The database to use: DATABASE_URL wins, else the git-ignored SQLite file under var/."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        return url
    return f"sqlite:///{DEFAULT_DB_PATH}"
