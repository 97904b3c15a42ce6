"""Delivery: undelivered notices (/antrian) and unreachable users."""
from handlers.core.registry import merge
from handlers.delivery import dead_letters

router = merge([dead_letters.router])
