"""Run the fake Telegram standalone, for a demo or a bot in another process:

    python -m bot.fake_api --port 8081 --user 1001:Budi --group=-100200:Kantor

Point the bot at http://127.0.0.1:8081 and drive it through /_fake/... (see control_http.py).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib

from .control import FakeTelegram
from .limits import Limits


async def serve(args: argparse.Namespace) -> None:
    limits = Limits.strict(args.scale) if args.strict else Limits(scale=args.scale)
    if args.no_flood:
        limits = Limits(enabled=False)
    fake = FakeTelegram(args.token, args.username, limits)
    for spec in args.user:
        user_id, name = spec.split(":", 1)
        fake.user(int(user_id), name)
    for spec in args.group:
        group_id, title = spec.split(":", 1)
        fake.group(int(group_id), title)
    await fake.start(args.host, args.port)
    print(f"fake Telegram at {fake.base_url} (token {fake.token})", flush=True)
    try:
        await asyncio.Event().wait()  # until Ctrl-C
    finally:
        await fake.stop()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bot.fake_api", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default="123456:TEST")
    parser.add_argument("--username", default="SikerjaBot")
    parser.add_argument("--user", action="append", default=[], metavar="ID:NAME")
    parser.add_argument("--group", action="append", default=[], metavar="ID:TITLE")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every flood rate")
    parser.add_argument("--no-flood", action="store_true", help="disable flood control")
    parser.add_argument("--strict", action="store_true", help="no per-chat burst: 1 message per second per chat")
    args = parser.parse_args()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(args))


if __name__ == "__main__":
    main()
