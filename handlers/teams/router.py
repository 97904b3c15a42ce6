"""Teams (tim kerja): form, roster, ketua/Pengendali, members, group binding."""
from handlers.core.registry import merge
from handlers.teams import consideration, decree, dialog, group, members, picker, pk, teams, vacancy

router = merge([teams.router, members.router, picker.router, consideration.router, decree.router, group.router,
                pk.router, vacancy.router, dialog.router])
