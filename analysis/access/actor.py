"""The actor: a name, one role and, for municipal editors, the municipality codes they look after."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    """The four roles of the national service; the value is what the accounts table stores."""

    PUBLIC = "public"
    MUNICIPAL_EDITOR = "municipal_editor"
    NATIONAL_ANALYST = "national_analyst"
    ADMINISTRATOR = "administrator"


@dataclass(frozen=True)
class Actor:
    """Who a library call is made for; `municipalities` holds catalogue codes (LV0026000), used by editors only."""

    name: str
    role: Role
    municipalities: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        object.__setattr__(self, "role", Role(self.role))
        object.__setattr__(self, "municipalities", frozenset(self.municipalities))
        if self.role is Role.MUNICIPAL_EDITOR and not self.municipalities:
            raise ValueError("a municipal editor needs at least one municipality")

    @property
    def is_public(self) -> bool:
        return self.role is Role.PUBLIC


# Not logged in: published figures only.
PUBLIC = Actor(name="public", role=Role.PUBLIC)
# The person at the machine of an embedded database that has no accounts yet (`make run`), and the command line.
LOCAL_ANALYST = Actor(name="lokāli / local", role=Role.NATIONAL_ANALYST)
