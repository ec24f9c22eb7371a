"""Who is asking: the actor every library call that writes or reveals data is given, and what each role may do."""

from analysis.access.actor import LOCAL_ANALYST, PUBLIC, Actor, Role
from analysis.access.permissions import (
    AccessDenied,
    foreign_codes,
    may_manage_accounts,
    may_read_audit,
    may_upload,
    may_upload_surveys,
    require_account_manager,
    require_audit_reader,
    require_municipalities,
    require_survey_rights,
    require_upload_rights,
    sees_unsuppressed,
)

__all__ = [
    "LOCAL_ANALYST",
    "PUBLIC",
    "AccessDenied",
    "Actor",
    "Role",
    "foreign_codes",
    "may_manage_accounts",
    "may_read_audit",
    "may_upload",
    "may_upload_surveys",
    "require_account_manager",
    "require_audit_reader",
    "require_municipalities",
    "require_upload_rights",
    "require_survey_rights",
    "sees_unsuppressed",
]
