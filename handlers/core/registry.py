"""Routers: where a feature declares its entry points (commands, button verbs,
conversation steps, scheduler obligation providers). Each feature module owns a
`Router`; each feature package merges its modules' routers; `handlers/features.py`
lists the feature packages in one explicit tuple and builds the `Registry` that
dispatch routes through."""
from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

Handler = Callable[..., Awaitable[None]]
# (uow, profile, now) -> list[Obligation]; typed loosely to keep core free of schedule imports.
Provider = Callable[..., Awaitable[list[Any]]]


@dataclass
class Router:
    commands: dict[str, Handler] = field(default_factory=dict)
    public_commands: set[str] = field(default_factory=set)
    group_commands: set[str] = field(default_factory=set)
    callbacks: dict[str, Handler] = field(default_factory=dict)
    conversations: dict[str, Handler] = field(default_factory=dict)
    # Usable before linking (e.g. an HR admin who is no employee); the handler checks who it is.
    public_callbacks: set[str] = field(default_factory=set)
    public_conversations: set[str] = field(default_factory=set)
    providers: list[Provider] = field(default_factory=list)

    def command(self, *names: str, public: bool = False,
                group: bool = False) -> Callable[[Handler], Handler]:
        """public: usable before linking; group: also answered in group chats."""
        def register(fn: Handler) -> Handler:
            for name in names:
                _add(self.commands, name, fn, "command /")
                if public:
                    self.public_commands.add(name)
                if group:
                    self.group_commands.add(name)
            return fn
        return register

    def callback(self, verb: str, public: bool = False) -> Callable[[Handler], Handler]:
        def register(fn: Handler) -> Handler:
            _add(self.callbacks, verb, fn, "button verb ")
            if public:
                self.public_callbacks.add(verb)
            return fn
        return register

    def conversation(self, name: str, public: bool = False) -> Callable[[Handler], Handler]:
        def register(fn: Handler) -> Handler:
            _add(self.conversations, name, fn, "conversation ")
            if public:
                self.public_conversations.add(name)
            return fn
        return register

    def provider(self, fn: Provider) -> Provider:
        """An obligation provider for the scheduler's reminder tick (see schedule/jobs.py)."""
        if fn not in self.providers:
            self.providers.append(fn)
        return fn

    def include(self, *routers: Router) -> Router:
        """Merge other routers into this one; a name registered twice is a bug."""
        for other in routers:
            for table in ("commands", "callbacks", "conversations"):
                mine: dict[str, Handler] = getattr(self, table)
                for name, fn in getattr(other, table).items():
                    _add(mine, name, fn, f"{table[:-1]} ")
            for flags in ("public_commands", "group_commands", "public_callbacks",
                          "public_conversations"):
                getattr(self, flags).update(getattr(other, flags))
            for provider in other.providers:
                self.provider(provider)
        return self


def _add(table: dict[str, Handler], name: str, fn: Handler, what: str) -> None:
    if name in table and table[name] is not fn:
        raise ValueError(f"{what}{name!r} registered twice")
    table[name] = fn


def merge(routers: Iterable[Router]) -> Router:
    return Router().include(*routers)


# The application's routing table is a Router too: the merge of every feature's.
Registry = Router
