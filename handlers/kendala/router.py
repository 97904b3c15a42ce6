"""Kendala: obstacles raised with alternatives and decided in writing."""
from handlers.core.registry import merge
from handlers.kendala import conversation

router = merge([conversation.router])
