"""`python -m bot letters list|check|revoke`: the register from the command line."""
from __future__ import annotations

import pytest

from bot.cli import main
from domain.team import MemberRole, Team
from handlers.teams.membership import add_member


@pytest.fixture
def env(db_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("SIKERJA_PROFILE", "nasional")
    monkeypatch.delenv("SIKERJA_TIMEZONE", raising=False)
    return db_url


@pytest.fixture
async def budi_letter(app, demo):
    kabid = demo["kabid_apt"].employee
    async with app.uow() as uow:
        team = Team(None, kabid.unit_id, "Tim Integrasi Data")
        uow.teams.add(team)
        await uow.flush()
        membership = await add_member(uow, team, demo["budi"].employee.id, MemberRole.ANGGOTA, kabid.id,
                                      app.clock(), profile=app.profile)
        await uow.commit()
        return await uow.letters.of_source("assignment", membership.assignment_id)


def test_list_check_and_revoke(env, budi_letter, demo, capsys):
    assert main(["letters", "list"]) == 0
    listed = capsys.readouterr().out
    assert budi_letter.number in listed and f"{budi_letter.code[:5]}-{budi_letter.code[5:]}" in listed

    assert main(["letters", "check", f"{budi_letter.code[:5]}-{budi_letter.code[5:]}".lower()]) == 0
    out = capsys.readouterr().out
    assert f"Surat {budi_letter.number} (penugasan): berlaku" in out  # SIKERJA_LANGUAGE defaults to id
    assert f"{demo['budi'].employee.name} (NIP {demo['budi'].employee.nip})" in out
    assert "diterbitkan:" in out and " WIB" in out  # the Pemda's clock, to the minute
    assert main(["letters", "check", "ZZZZZZZZZZ"]) == 1
    assert "Tidak ada surat" in capsys.readouterr().out

    assert main(["letters", "revoke", budi_letter.number]) == 2  # the reason is required
    assert main(["letters", "revoke", budi_letter.number, "--reason", "Keliru diterbitkan."]) == 0
    assert "dicabut — Keliru diterbitkan." in capsys.readouterr().out
    assert main(["letters", "check", budi_letter.number]) == 0
    assert "dicabut" in capsys.readouterr().out
    assert main(["letters", "revoke", budi_letter.number, "--reason", "Lagi."]) == 1


def test_english_when_the_deployment_says_so(env, budi_letter, capsys, monkeypatch):
    monkeypatch.setenv("SIKERJA_LANGUAGE", "en")
    assert main(["letters", "check", budi_letter.number]) == 0
    out = capsys.readouterr().out
    assert f"Letter {budi_letter.number} (penugasan): berlaku" in out and "issued:" in out
    assert main(["letters", "revoke", budi_letter.number]) == 2
    assert "--reason is required" in capsys.readouterr().out
