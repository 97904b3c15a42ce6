"""Organisation import on real SQLite: upsert by unit code and NIP, idempotent re-import,
deactivation (never deletion) on a full import, pending unit heads, all-or-nothing."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import func, select

from domain.acting import ActingKind, ActingOfficial
from domain.org import Employee
from handlers.org.org_import import run_import
from handlers.org.tabular import Table, read_table, write_table

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
KADIS, RIZKY, AGUS = "197305122000031002", "199702112022031015", "199806042022031023"


async def load(app, kind, table, **kw):
    return await run_import(app.uow, kind, table, **kw)


async def employees(app) -> dict[str, Employee]:
    async with app.uow() as uow:
        return {e.nip: e for e in await uow.session.scalars(select(Employee))}


async def test_samples_import_then_reimport_changes_nothing(app):
    units = await load(app, "units", read_table(SAMPLES / "units.csv"))
    assert units.written and (units.counts.added, units.counts.heads_pending) == (5, 5)
    first = await load(app, "employees", read_table(SAMPLES / "employees.csv"))
    assert first.errors == [] and (first.counts.added, first.counts.heads_set) == (15, 5)
    people = await employees(app)
    assert people[RIZKY].rater_id == people["198204052008011003"].id
    async with app.uow() as uow:
        dinkes = await uow.org.unit_by_code("DINKES")
        assert dinkes.head_id == people[KADIS].id
        assert (await uow.org.unit_by_code("PKM.SUKAMAJU")).parent_id == dinkes.id
    again = await load(app, "employees", read_table(SAMPLES / "employees.csv"))
    assert (again.counts.added, again.counts.updated, again.counts.unchanged) == (0, 0, 15)
    units_again = await load(app, "units", read_table(SAMPLES / "units.csv"))
    assert (units_again.counts.added, units_again.counts.updated, units_again.counts.unchanged) == (0, 0, 5)
    assert snapshot(await employees(app)) == snapshot(people)


def snapshot(people: dict[str, Employee]) -> dict:
    return {nip: (e.id, e.name, e.unit_id, e.rater_id, e.golongan, e.active) for nip, e in people.items()}


async def test_update_by_nip_and_full_import_deactivates_never_deletes(app):
    await load(app, "units", read_table(SAMPLES / "units.csv"))
    table = read_table(SAMPLES / "employees.csv")
    await load(app, "employees", table)
    before = await employees(app)
    kept = [(n, cells) for n, cells in table.rows if cells[0] != AGUS]
    kept = [(n, [c if i != 1 or cells[0] != RIZKY else "Rizky Maulana Putra" for i, c in enumerate(cells)])
            for n, cells in kept]
    partial = await load(app, "employees", Table(table.headers, kept))
    assert (partial.counts.updated, partial.counts.deactivated) == (1, 0)  # not --full: nobody deactivated
    full = await load(app, "employees", Table(table.headers, kept), full=True)
    assert (full.counts.deactivated, full.counts.unchanged) == (1, 14)
    after = await employees(app)
    assert len(after) == 15 and after[AGUS].active is False and after[AGUS].id == before[AGUS].id
    assert after[RIZKY].name == "Rizky Maulana Putra" and after[RIZKY].id == before[RIZKY].id
    back = await load(app, "employees", table, full=True)
    assert (back.counts.reactivated, back.counts.deactivated) == (1, 0)
    assert (await employees(app))[AGUS].active is True


async def test_a_file_with_errors_changes_nothing_unless_skip_bad(app):
    await load(app, "units", read_table(SAMPLES / "units.csv"))
    table = read_table(SAMPLES / "employees.csv")
    bad = Table(table.headers, [(n, [("IV/z" if i == 5 and cells[0] == RIZKY else c) for i, c in enumerate(cells)])
                                for n, cells in table.rows])
    refused = await load(app, "employees", bad)
    assert not refused.written and refused.counts is None
    assert [(i.row, i.column, i.code) for i in refused.errors] == [(10, "golongan", "invalid_golongan")]
    assert await employees(app) == {}
    dry = await load(app, "employees", bad, skip_bad=True, dry_run=True)
    assert dry.counts.added == 14 and not dry.written and await employees(app) == {}
    landed = await load(app, "employees", bad, skip_bad=True)
    assert landed.written and landed.counts.added == 14 and RIZKY not in await employees(app)


async def test_full_import_keeps_people_on_bad_rows(app):
    await load(app, "units", read_table(SAMPLES / "units.csv"))
    table = read_table(SAMPLES / "employees.csv")
    await load(app, "employees", table)
    bad = Table(table.headers, [(n, [("IV/z" if i == 5 and cells[0] == RIZKY else c) for i, c in enumerate(cells)])
                                for n, cells in table.rows])
    result = await load(app, "employees", bad, full=True, skip_bad=True)
    assert result.counts.deactivated == 0 and (await employees(app))[RIZKY].active


async def test_xlsx_round_trip_with_indonesian_headers(app, tmp_path):
    """Excel with Indonesian column names (any case/spacing) reads like the CSV."""
    units = read_table(SAMPLES / "units.csv")
    path = tmp_path / "unit.xlsx"
    write_table(path, ["Kode", "Nama Unit", "Jenis", "Kode Induk", "NIP Kepala"], [cells for _, cells in units.rows])
    result = await load(app, "units", read_table(path))
    assert result.errors == [] and result.counts.added == 5


async def test_view_for_loads_acting_records_of_the_day(app, demo, clock):
    kabid, rina, budi = (demo[k].employee for k in ("kabid_apt", "kabid_ikp", "budi"))
    day = clock().date()
    async with app.uow() as uow:
        uow.acting.add(ActingOfficial(None, kabid.id, rina.id, ActingKind.PLT, day, day + dt.timedelta(days=3)))
        await uow.commit()
    async with app.uow() as uow:
        me = await uow.org.employee(budi.id)
        snapshot = await uow.org.view_for(me, on=day)
        assert [(r.official_id, r.acting_id) for r in snapshot.acting] == [(kabid.id, rina.id)]
        assert snapshot.employee(rina.id).name == rina.name
        assert (await uow.org.view_for(me, on=day + dt.timedelta(days=4))).acting == ()
        assert (await uow.org.view_for(me)).acting == ()


async def test_admin_repo(app, clock):
    async with app.uow() as uow:
        assert await uow.admins.add(42, clock(), "BKPSDM") is True
        assert await uow.admins.add(42, clock()) is False
        await uow.commit()
    async with app.uow() as uow:
        assert await uow.admins.is_admin(42) and not await uow.admins.is_admin(43)
        assert [a.telegram_user_id for a in await uow.admins.all()] == [42]
        assert await uow.admins.remove(42) is True and await uow.admins.remove(42) is False
        await uow.commit()
        assert (await uow.session.execute(select(func.count()).select_from(Employee))).scalar_one() == 0


async def test_units_update_by_code_and_move_under_another_parent(app):
    table = read_table(SAMPLES / "units.csv")
    await load(app, "units", table)
    rows = [(n, list(cells)) for n, cells in table.rows]
    rows[1][1][1] = "Sekretariat Dinas Kesehatan (baru)"  # DINKES.SEK renamed
    rows[2][1][3] = "DINKES.SEK"  # DINKES.YANKES moved under the Sekretariat
    result = await load(app, "units", Table(table.headers, rows))
    assert (result.counts.added, result.counts.updated, result.counts.unchanged) == (0, 2, 3)
    async with app.uow() as uow:
        sek, yankes = await uow.org.unit_by_code("DINKES.SEK"), await uow.org.unit_by_code("DINKES.YANKES")
        assert sek.name.endswith("(baru)") and yankes.parent_id == sek.id
