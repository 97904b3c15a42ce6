"""HR admin: find employees, link codes, Plt/Plh, who is not linked."""
from handlers.admin import acting, exports, lists, org_upload, panel
from handlers.core.registry import merge

router = merge([panel.router, acting.router, lists.router, org_upload.router, exports.router])
