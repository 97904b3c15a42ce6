"""The database schema, one module per concept. Importing this package defines every table
on `metadata` (Alembic and the schema test compare against it); it maps nothing: the ORM
mapping is started explicitly by storage.mapping.start_mappers()."""
from storage.tables import (  # noqa: F401  (each module adds its tables to metadata)
    applications,
    appointments,
    audit,
    decrees,
    dialogs,
    letters,
    links,
    member_inputs,
    messaging,
    org,
    reports,
    teams,
)
from storage.tables.base import metadata

__all__ = ["metadata"]
