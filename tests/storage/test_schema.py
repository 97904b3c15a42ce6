"""The migrations produce exactly the schema the code maps (no table or column without a
migration), and they run down and up again."""
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from storage.migrate import alembic_config, upgrade
from storage.tables import metadata


def _diff(path):
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
    engine.dispose()
    return diff


def test_migrations_match_the_mapped_schema(db_template):
    assert _diff(db_template) == []


def test_downgrade_and_upgrade_again(tmp_path):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    upgrade(url)
    command.downgrade(alembic_config(url), "base")
    upgrade(url)
    assert _diff(tmp_path / "x.db") == []


def test_one_migration_line():
    """Two heads mean two feature branches nobody merged: `upgrade head` would refuse."""
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads()
    assert len(heads) == 1, f"Alembic heads: {heads}; merge or re-chain them"
