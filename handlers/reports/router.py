"""Reports (laporan): drafts, review, on-request reports, rekap, obligations."""
from handlers.core.registry import merge
from handlers.reports import (
    draft,
    evidence,
    lapor,
    listing,
    member_input,
    obligations,
    rekap,
    rekap_export,
    requests,
    review,
)

router = merge([lapor.router, listing.router, draft.router, review.router, requests.router, evidence.router,
                rekap.router, rekap_export.router, obligations.router, member_input.router])
