"""Who is using this session: the actor every upload, mapping and restore is made for."""

from __future__ import annotations

from analysis.access import Actor, Role


def actor(typed_name: str) -> Actor:
    """The person at the machine, as a national analyst under the name they typed."""
    return Actor(name=typed_name, role=Role.NATIONAL_ANALYST)
