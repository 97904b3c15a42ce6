"""The application's features, in one explicit tuple: each feature package exposes a
router; their merge is the routing table dispatch uses and the scheduler's providers."""
from handlers.admin.router import router as admin
from handlers.applications.router import router as applications
from handlers.appointments.router import router as appointments
from handlers.core.registry import Router, merge
from handlers.delivery.router import router as delivery
from handlers.kendala.router import router as kendala
from handlers.letters.router import router as letters
from handlers.onboarding.router import router as onboarding
from handlers.reports.router import router as reports
from handlers.teams.router import router as teams

FEATURES: tuple[Router, ...] = (
    onboarding, applications, appointments, teams, reports, kendala, admin, delivery, letters,
)

registry: Router = merge(FEATURES)
