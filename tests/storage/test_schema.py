"""The migrations produce exactly the schema the code maps (no table or column without a
migration), and they run down and up again, on each backend."""
import asyncio

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from storage.engine import make_engine
from storage.migrate import alembic_config, upgrade
from storage.tables import metadata


def _diff(url: str) -> list:
    async def compare() -> list:
        engine = make_engine(url)
        try:
            async with engine.connect() as conn:
                return await conn.run_sync(
                    lambda sync: compare_metadata(MigrationContext.configure(sync, opts={"compare_type": True}),
                                                  metadata))
        finally:
            await engine.dispose()

    return asyncio.run(compare())


def test_migrations_match_the_mapped_schema(db_url):
    assert _diff(db_url) == []


def test_downgrade_and_upgrade_again(blank_db_url):
    upgrade(blank_db_url)
    command.downgrade(alembic_config(blank_db_url), "base")
    upgrade(blank_db_url)
    assert _diff(blank_db_url) == []


def test_one_migration_line():
    """Two heads mean two feature branches nobody merged: `upgrade head` would refuse."""
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads()
    assert len(heads) == 1, f"Alembic heads: {heads}; merge or re-chain them"
