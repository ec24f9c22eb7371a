"""The municipality's child-rights programme: its records, the guidance's checks and the coverage they give."""
