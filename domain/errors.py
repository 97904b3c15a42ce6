"""Domain errors carry a stable code (a message key) and parameters, never prose:
the application layer turns them into a sentence in the user's language."""
from __future__ import annotations


class DomainError(Exception):
    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params

    def __str__(self) -> str:
        return f"{self.code} {self.params}" if self.params else self.code


class IllegalTransition(DomainError):
    def __init__(self, entity: str, state: str, action: str) -> None:
        super().__init__("illegal_transition", entity=entity, state=state, action=action)


class NotAllowed(DomainError):
    """The actor is not the official the rules name for this step."""
