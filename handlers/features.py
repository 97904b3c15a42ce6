"""The feature modules, imported for their registrations. One line per feature."""
from handlers import apply, decide, onboarding, status  # noqa: F401
