"""`python -m bot db upgrade|backup|restore`: migrations, and a consistent copy of the
database and its way back (storage/backup.py; docs/DATABASES.md)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.settings import Settings


def add_commands(sub) -> dict:
    db = sub.add_parser("db", help="database: upgrade, backup, restore",
                        formatter_class=argparse.RawDescriptionHelpFormatter,
                        description="upgrade: apply all migrations\n"
                                    "backup FILE: a consistent copy, also while the bot runs\n"
                                    "restore FILE: replace the database with a backup (stop the bot first)")
    db.add_argument("action", choices=["upgrade", "backup", "restore"])
    db.add_argument("file", nargs="?", type=Path, help="backup: where to write; restore: the backup to read")
    return {"db": cmd_db}


def cmd_db(args, settings: Settings) -> int:
    from storage.backup import BackupError, backup, restore, shown
    from storage.migrate import prepare

    url = settings.database_url
    if args.action == "upgrade":
        prepare(url, settings.db_wait_seconds)
        print(f"Database is up to date: {shown(url)}")
        return 0
    if args.file is None:
        print(f"db {args.action} needs a FILE.", file=sys.stderr)
        return 2
    try:
        if args.action == "backup":
            print(backup(url, args.file))
            return 0
        print(restore(url, args.file))
    except BackupError as err:
        print(err, file=sys.stderr)
        return 1
    prepare(url)  # a backup from an older version is brought up to this one's schema
    print(f"Database is up to date: {shown(url)}")
    return 0
