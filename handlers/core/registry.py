"""Routers: where a feature declares its entry points (commands, button kinds,
conversations, scheduler obligation providers). Each feature module owns a
`Router`; each feature package merges its modules' routers; `handlers/features.py`
lists the feature packages in one explicit tuple and builds the `Registry` that
dispatch routes through."""
from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from handlers.core.buttons import CallbackData, candidate_prefixes
from handlers.core.forms import Form

Handler = Callable[..., Awaitable[None]]
# (uow, profile, now) -> list[Obligation]; typed loosely to keep core free of schedule imports.
Provider = Callable[..., Awaitable[list[Any]]]


@dataclass(frozen=True)
class CallbackRoute:
    kind: type[CallbackData]
    handler: Handler
    public: bool


@dataclass(frozen=True)
class ConversationRoute:
    form: Form[Any]
    handler: Handler


@dataclass
class Router:
    commands: dict[str, Handler] = field(default_factory=dict)
    public_commands: set[str] = field(default_factory=set)
    group_commands: set[str] = field(default_factory=set)
    callbacks: dict[str, CallbackRoute] = field(default_factory=dict)  # by prefix
    conversations: dict[str, ConversationRoute] = field(default_factory=dict)  # by form name
    # Usable before linking (e.g. an HR admin who is no employee); the handler checks who it is.
    public_conversations: set[str] = field(default_factory=set)
    providers: list[Provider] = field(default_factory=list)
    # Changes to a chat itself (the bot added or removed, a group migrated), for anyone.
    chat_events: list[Handler] = field(default_factory=list)

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

    def callback(self, *kinds: type[CallbackData], public: bool = False) -> Callable[[Handler], Handler]:
        """The handler gets the pressed button unpacked as one of `kinds`."""
        def register(fn: Handler) -> Handler:
            for kind in kinds:
                if kind.__prefix__ is None:
                    raise ValueError(f"{kind.__name__} has no prefix")
                _add(self.callbacks, kind.__prefix__, CallbackRoute(kind, fn, public), "button prefix ")
            return fn
        return register

    def callback_route(self, raw: str) -> CallbackRoute | None:
        """The route of the longest registered prefix of `raw`."""
        return next((self.callbacks[p] for p in candidate_prefixes(raw) if p in self.callbacks), None)

    def conversation(self, form: Form[Any], public: bool = False) -> Callable[[Handler], Handler]:
        """The handler gets the user's open `form` with its typed step."""
        def register(fn: Handler) -> Handler:
            _add(self.conversations, form.name, ConversationRoute(form, fn), "conversation ")
            if public:
                self.public_conversations.add(form.name)
            return fn
        return register

    def provider(self, fn: Provider) -> Provider:
        """An obligation provider for the scheduler's reminder tick (see schedule/jobs.py)."""
        if fn not in self.providers:
            self.providers.append(fn)
        return fn

    def chat_event(self, fn: Handler) -> Handler:
        """The handler gets every chat event (Update.membership / Update.migrated_to) and
        picks the ones it cares about; the sender may be anyone, linked or not."""
        if fn not in self.chat_events:
            self.chat_events.append(fn)
        return fn

    def include(self, *routers: Router) -> Router:
        """Merge other routers into this one; a name registered twice is a bug."""
        for other in routers:
            for table in ("commands", "callbacks", "conversations"):
                mine: dict[str, Any] = getattr(self, table)
                for name, fn in getattr(other, table).items():
                    _add(mine, name, fn, f"{table[:-1]} ")
            for flags in ("public_commands", "group_commands", "public_conversations"):
                getattr(self, flags).update(getattr(other, flags))
            for provider in other.providers:
                self.provider(provider)
            for handler in other.chat_events:
                self.chat_event(handler)
        return self


def _add(table: dict[str, Any], name: str, fn: Any, what: str) -> None:
    if name in table and table[name] != fn:
        raise ValueError(f"{what}{name!r} registered twice")
    table[name] = fn


def merge(routers: Iterable[Router]) -> Router:
    return Router().include(*routers)


# The application's routing table is a Router too: the merge of every feature's.
Registry = Router
