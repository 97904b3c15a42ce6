"""Onboarding: /start linking, /help, /batal, /bahasa, /saya."""
from handlers.core.registry import merge
from handlers.onboarding import profile, start

router = merge([start.router, profile.router])
