"""Where features declare their entry points: commands, button verbs and conversation
steps. dispatch.py routes through this table; features.py lists the feature modules."""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

CommandHandler = Callable[..., Awaitable[None]]


@dataclass
class Registry:
    commands: dict[str, CommandHandler] = field(default_factory=dict)
    public_commands: set[str] = field(default_factory=set)
    group_commands: set[str] = field(default_factory=set)
    callbacks: dict[str, CommandHandler] = field(default_factory=dict)
    conversations: dict[str, CommandHandler] = field(default_factory=dict)
    # Usable before linking (e.g. an HR admin who is no employee); the handler checks who it is.
    public_callbacks: set[str] = field(default_factory=set)
    public_conversations: set[str] = field(default_factory=set)

    def command(self, *names: str, public: bool = False, group: bool = False):
        """public: usable before linking; group: also answered in group chats."""
        def register(fn: CommandHandler) -> CommandHandler:
            for name in names:
                if name in self.commands:
                    raise ValueError(f"command /{name} registered twice")
                self.commands[name] = fn
                if public:
                    self.public_commands.add(name)
                if group:
                    self.group_commands.add(name)
            return fn
        return register

    def callback(self, verb: str, public: bool = False):
        def register(fn: CommandHandler) -> CommandHandler:
            if verb in self.callbacks:
                raise ValueError(f"button verb {verb!r} registered twice")
            self.callbacks[verb] = fn
            if public:
                self.public_callbacks.add(verb)
            return fn
        return register

    def conversation(self, name: str, public: bool = False):
        def register(fn: CommandHandler) -> CommandHandler:
            if name in self.conversations:
                raise ValueError(f"conversation {name!r} registered twice")
            self.conversations[name] = fn
            if public:
                self.public_conversations.add(name)
            return fn
        return register


registry = Registry()
