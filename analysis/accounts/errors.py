"""An account operation that cannot be done, said in Latvian and in English, kept apart."""

from __future__ import annotations


class AccountError(ValueError):
    def __init__(self, *, lv: str, en: str) -> None:
        super().__init__(f"{lv} / {en}")
        self.lv = lv
        self.en = en
