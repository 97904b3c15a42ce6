"""The feature modules, imported for their registrations. One line per feature."""
from handlers import apply, decide, onboarding, status  # noqa: F401
from handlers import teams  # noqa: F401
from handlers import team_group, team_members  # noqa: F401
from handlers import decision_reminders, delivery  # noqa: F401
from handlers import letters  # noqa: F401
from handlers import admin, admin_acting, admin_lists, me  # noqa: F401
from handlers import kendala, rekap, report_requests, report_review, reports  # noqa: F401
from handlers import evidence  # noqa: F401
from handlers import report_obligations  # noqa: F401
