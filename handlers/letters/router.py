"""The letter register: /surat and /cek."""
from handlers.core.registry import merge
from handlers.letters import commands

router = merge([commands.router])
