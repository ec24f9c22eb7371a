"""One shape for every problem found in input: a report that collects, never raises on the first."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, ClassVar, Iterable, Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")


@dataclass(frozen=True)
class Said:
    """A message parameter said in each language (a detail, a format's name), so neither message borrows the
    other's words; a plain value is the same in both (a file name, a number)."""

    lv: str
    en: str

    def __str__(self) -> str:
        return f"{self.lv} / {self.en}"


def _in(params: dict[str, Any], lang: str) -> dict[str, Any]:
    return {k: getattr(v, lang) if isinstance(v, Said) else v for k, v in params.items()}


@dataclass(frozen=True)
class IssueType:
    """A kind of problem with a stable code and bilingual message templates."""

    code: str
    severity: Severity
    lv: str
    en: str

    registry: ClassVar[dict[str, "IssueType"]] = {}

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r} for {self.code}")
        known = IssueType.registry.get(self.code)
        if known is not None and known != self:
            raise ValueError(f"issue code {self.code!r} registered twice with different texts")
        IssueType.registry[self.code] = self

    def texts(self, **params: Any) -> tuple[str, str]:
        """Latvian and English, each filled with the same parameters (a :class:`Said` in its own language)."""
        return self.lv.format(**_in(params, "lv")), self.en.format(**_in(params, "en"))

    def issue(
        self,
        *,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
        severity: Severity | None = None,
        **params: Any,
    ) -> "Issue":
        """One located issue of this kind, so every caller builds it the same way."""
        lv, en = self.texts(**params)
        return Issue(code=self.code, severity=severity or self.severity, sheet=sheet, row=row, column=column,
                     message_lv=lv, message_en=en)


@dataclass(frozen=True)
class Issue:
    """One problem, located as precisely as the input allows (1-based row as the user sees it)."""

    code: str
    severity: Severity
    sheet: str | None
    row: int | None
    column: str | None
    message_lv: str
    message_en: str

    @property
    def message(self) -> str:
        """Both languages on one terminal or log line, Latvian first; pages show `text(lang)` instead."""
        return f"{self.message_lv} / {self.message_en}"

    def text(self, lang: str) -> str:
        """The message in the reader's language ('lv' or 'en'), never the two mixed."""
        return self.message_en if lang == "en" else self.message_lv

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Report:
    """Every issue of one read, plus counts, so the user fixes everything in one go."""

    issues: list[Issue] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not any(i.severity == "error" for i in self.issues)

    def add(
        self,
        kind: IssueType,
        *,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
        severity: Severity | None = None,
        **params: Any,
    ) -> Issue:
        issue = kind.issue(sheet=sheet, row=row, column=column, severity=severity, **params)
        self.issues.append(issue)
        return issue

    def extend(self, other: "Report") -> None:
        self.issues.extend(other.issues)

    def count(self, severity: Severity) -> int:
        return sum(1 for i in self.issues if i.severity == severity)

    def codes(self) -> list[str]:
        return [i.code for i in self.issues]

    def flatten(self, fields: Iterable[str] = ("code", "row", "column")) -> list[list[Any]]:
        """Rows a test can compare whole, in the order the issues were found."""
        names = list(fields)
        return [[getattr(i, f) for f in names] for i in self.issues]

    def to_dict(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "issues": [i.to_dict() for i in self.issues],
            "stats": self.stats,
        }
