"""Telegram runtimes: thin adapters from a Telegram library to the neutral handlers."""

RUNTIMES = ("aiogram", "ptb")  # the names `run --runtime` and SIKERJA_RUNTIME accept
