"""Every table module, imported so metadata is complete (Alembic autogenerate, tests).
Features that add tables put them in their own storage/tables_<feature>.py on
storage.tables.metadata and add one import line here."""
from storage import (
    tables,  # noqa: F401
    tables_org_admin,  # noqa: F401
    tables_schedule,  # noqa: F401
    tables_teams,  # noqa: F401
)
