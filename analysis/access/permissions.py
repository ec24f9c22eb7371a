"""What each role may do, checked in the library so that a hidden button is never the only guard."""

from __future__ import annotations

from typing import Iterable

from analysis.access.actor import Actor, Role


class AccessDenied(PermissionError):
    """A call the actor's role does not allow; `lv` and `en` are the two messages, kept apart."""

    def __init__(self, *, lv: str, en: str) -> None:
        super().__init__(f"{lv} / {en}")
        self.lv = lv
        self.en = en


def may_upload(actor: Actor) -> bool:
    """Editors (for their municipalities) and national analysts (for all) store, map and restore data."""
    return actor.role in (Role.MUNICIPAL_EDITOR, Role.NATIONAL_ANALYST)


def may_upload_surveys(actor: Actor) -> bool:
    """BAC's survey rounds cover every municipality: national analysts only."""
    return actor.role is Role.NATIONAL_ANALYST


def may_manage_accounts(actor: Actor) -> bool:
    return actor.role is Role.ADMINISTRATOR


def may_read_audit(actor: Actor) -> bool:
    """National analysts (BAC) and administrators read who did what; nobody else."""
    return actor.role in (Role.NATIONAL_ANALYST, Role.ADMINISTRATOR)


def sees_unsuppressed(actor: Actor, *, municipality_code: str) -> bool:
    """True when the actor may see this municipality's small numbers; everyone else gets the published view."""
    if actor.role is Role.NATIONAL_ANALYST:
        return True
    return actor.role is Role.MUNICIPAL_EDITOR and municipality_code in actor.municipalities


def foreign_codes(actor: Actor, codes: Iterable[str]) -> list[str]:
    """The codes among these that the actor may not write (all of them for a role that cannot upload)."""
    wanted = sorted({c for c in codes if isinstance(c, str)})  # a missing code is the schema's to refuse
    if actor.role is Role.NATIONAL_ANALYST:
        return []
    if actor.role is Role.MUNICIPAL_EDITOR:
        return [c for c in wanted if c not in actor.municipalities]
    return wanted


def require_upload_rights(actor: Actor) -> None:
    if not may_upload(actor):
        raise AccessDenied(
            lv=f"Lietotājam '{actor.name}' (loma: {actor.role.value}) nav tiesību augšupielādēt vai atjaunot datus.",
            en=f"User '{actor.name}' (role: {actor.role.value}) may not upload or restore data.",
        )


def require_municipalities(actor: Actor, *, codes: Iterable[str]) -> None:
    """Refuses a write touching any municipality the actor does not look after, naming them."""
    require_upload_rights(actor)
    other = foreign_codes(actor, codes)
    if other:
        listed = ", ".join(other)
        raise AccessDenied(
            lv=f"Lietotājs '{actor.name}' drīkst rakstīt tikai savas pašvaldības datus; atteikts: {listed}.",
            en=f"User '{actor.name}' may write only their own municipality's data; refused: {listed}.",
        )


def require_survey_rights(actor: Actor) -> None:
    if not may_upload_surveys(actor):
        raise AccessDenied(
            lv=f"BAC aptaujas datus drīkst ielādēt tikai nacionālais analītiķis, ne '{actor.name}'.",
            en=f"Only a national analyst may load BAC survey data, not '{actor.name}'.",
        )


def require_account_manager(actor: Actor) -> None:
    if not may_manage_accounts(actor):
        raise AccessDenied(
            lv=f"Kontus pārvalda tikai administrators, ne '{actor.name}'.",
            en=f"Only an administrator manages accounts, not '{actor.name}'.",
        )


def require_audit_reader(actor: Actor) -> None:
    if not may_read_audit(actor):
        raise AccessDenied(
            lv=f"Audita žurnālu redz tikai nacionālais analītiķis vai administrators, ne '{actor.name}'.",
            en=f"Only a national analyst or an administrator sees the audit log, not '{actor.name}'.",
        )
