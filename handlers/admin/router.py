"""HR admin: find employees, link codes, Plt/Plh, who is not linked."""
from handlers.admin import acting, lists, panel
from handlers.core.registry import merge

router = merge([panel.router, acting.router, lists.router])
