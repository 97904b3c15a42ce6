"""An HR admin (not an employee, registered with `admin add`) issues a link code through
/admin over real Telegram HTTP, and a new user links with it — on both runtimes."""
from __future__ import annotations

import re

ADMIN, NEWCOMER = 9100, 9200


async def say(h, user: int, text: str, expect: str):
    mark = h.fake.mark()
    h.fake.send_text(user, text)
    return await h.fake.wait_message(user, expect, h.timeout, since=mark)


async def press(h, user: int, message, button: str, expect: str):
    mark = h.fake.mark()
    query = h.fake.press(user, message, h.fake.button_data(message, button))
    await h.fake.wait_callback_answer(query, h.timeout)
    return await h.fake.wait_message(user, expect, h.timeout, since=mark)


async def test_admin_issues_a_code_that_a_new_user_uses(h):
    async with h.runtime.app.uow() as uow:
        await uow.admins.add(ADMIN, h.runtime.app.clock(), "BKPSDM")
        await uow.commit()
    h.fake.user(ADMIN, "Admin BKPSDM")
    h.fake.user(NEWCOMER, "Yoga")
    refused = await say(h, NEWCOMER, "/admin", "hanya untuk admin")
    assert not refused.inline_keyboard()
    menu = await say(h, ADMIN, "/admin", "Admin kepegawaian")
    await press(h, ADMIN, menu, "Cari pegawai", "sebagian nama")
    found = await say(h, ADMIN, "yoga", "Pilih pegawai")
    card = await press(h, ADMIN, found, "Yoga Pratama", "belum terhubung")
    issued = await press(h, ADMIN, card, "Kode tautan baru", "Kode tautan untuk")
    code = re.search(r"<code>(\w+)</code>", issued.raw_text).group(1)
    assert f"https://t.me/SikerjaBot?start={code}" in issued.text
    welcome = await say(h, NEWCOMER, f"/start {code}", "Selamat datang")
    assert "Yoga Pratama" in welcome.text
    await say(h, NEWCOMER, "/saya", "Pejabat Penilai Kinerja: Rina Marlina")
    assert not [c for c in h.fake.calls if c.status >= 400]
