"""/saya: my own record as the bot knows it — unit, jabatan, golongan, my Penilai and unit
head (and who stands in for them today), the teams I lead, acting duties, linked since."""
from __future__ import annotations

from domain.deciders import OrgView, rater_of, unit_head_of, with_acting
from domain.org import Employee, JabatanKind
from handlers.core.context import Ctx
from handlers.core.formatting import day, local_day
from handlers.core.i18n import Html, escape
from handlers.core.lookups import present
from handlers.core.registry import Router

router = Router()

KIND_LABELS = {JabatanKind.JPT_MADYA: "JPT Madya", JabatanKind.JPT_PRATAMA: "JPT Pratama",
               JabatanKind.ADMINISTRATOR: "Administrator", JabatanKind.PENGAWAS: "Pengawas",
               JabatanKind.FUNGSIONAL: "Fungsional", JabatanKind.PELAKSANA: "Pelaksana"}


def _person(ctx: Ctx, org: OrgView, person: Employee | None) -> str:
    if person is None:
        return ctx.t("not recorded")
    text = ctx.t("{name} ({jabatan})", name=person.name, jabatan=person.jabatan_name)
    resolved = with_acting(org, person)
    if resolved.acting_for_id is not None:
        text += ctx.t("; today {name} stands in (Plt/Plh)", name=resolved.person.name)
    return text


@router.command("saya")
async def me(ctx: Ctx) -> None:
    t, uow, e = ctx.t, ctx.uow, ctx.me
    unit = await uow.org.unit(e.unit_id)
    org = await uow.org.view_for(e, on=ctx.today)
    jabatan = KIND_LABELS[e.jabatan_kind]
    if e.jenjang is not None:
        jabatan += ", " + e.jenjang.value.replace("_", " ").title()
    lines = [f"<b>{escape(e.name)}</b>", t("NIP: {nip}", nip=e.nip),
             t("Jabatan: {jabatan} ({kind})", jabatan=e.jabatan_name, kind=jabatan),
             t("Golongan: {golongan}", golongan=str(e.golongan) if e.golongan else "-"),
             t("Unit: {unit}", unit=unit.name if unit else "-"),
             t("Penilai (Pejabat Penilai Kinerja): {person}", person=Html(_person(ctx, org, rater_of(org, e)))),
             t("Unit head: {person}", person=Html(_person(ctx, org, unit_head_of(org, e, ctx.profile))))]
    teams = await uow.org_admin.teams_led_by(e.id)
    lines.append(t("Teams you lead: {teams}", teams=", ".join(team.name for team in teams)) if teams
                 else t("Teams you lead: none yet."))
    for record in await uow.acting.current_and_future(e.id, ctx.today):
        if record.acting_id == e.id:
            official = present(await uow.org.employee(record.official_id), "an acting record's official")
            lines.append(t("You act as {kind} for {official}, {start} – {end}.", kind=record.kind.label,
                           official=official.name, start=day(t, record.starts_on), end=day(t, record.ends_on)))
    if ctx.link is not None:
        lines.append(t("Linked to Telegram since {date}.", date=local_day(t, ctx.link.linked_at, ctx.profile.timezone)))
    ctx.reply(Html("\n".join(lines)))
