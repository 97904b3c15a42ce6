"""`/_fake/...` JSON endpoints: the FakeTelegram controls for a bot (or demo)
running in another process. Each endpoint is a thin wrapper of one method."""

from __future__ import annotations

import base64
import json
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from .errors import ControlError
from .models import ApiCall, StoredMessage

if TYPE_CHECKING:
    from .control import FakeTelegram

JsonHandler = Callable[[dict[str, Any]], Awaitable[Any]]


def _dumps(obj: Any) -> str:
    return json.dumps(obj, default=str, ensure_ascii=False)


def message_view(message: StoredMessage) -> dict[str, Any]:
    """A message's Bot API JSON plus what only the fake knows (raw text, edits, bytes)."""
    view = message.to_api()
    view.update(
        edited=message.edited,
        raw_text=message.raw_text,
        raw_caption=message.raw_caption,
        parse_mode=message.parse_mode,
        full_reply_markup=message.reply_markup,
    )
    stored = message.document or message.photo
    if stored is not None:
        view["content_base64"] = base64.b64encode(stored.content).decode()
    return view


def call_view(call: ApiCall) -> dict[str, Any]:
    return {
        "method": call.method,
        "params": call.params,
        "time": call.time,
        "status": call.status,
        "description": call.description,
    }


def add_control_routes(app: web.Application, fake: FakeTelegram) -> None:
    def endpoint(handler: JsonHandler) -> Callable[[web.Request], Awaitable[web.Response]]:
        async def wrapped(request: web.Request) -> web.Response:
            body: dict[str, Any] = dict(request.query)
            if request.body_exists:
                try:
                    body.update(await request.json())
                except (ValueError, TypeError):
                    return web.json_response({"ok": False, "description": "JSON object expected"}, status=400)
            try:
                result = await handler(body)
            except (ControlError, KeyError, TypeError, ValueError) as exc:
                return web.json_response({"ok": False, "description": f"{type(exc).__name__}: {exc}"}, status=400)
            except TimeoutError as exc:
                return web.json_response({"ok": False, "description": str(exc)}, status=408)
            return web.json_response({"ok": True, "result": result}, dumps=_dumps)

        return wrapped

    def chat_arg(body: dict[str, Any]) -> int | None:
        return int(body["chat_id"]) if body.get("chat_id") not in (None, "") else None

    async def add_user(body: dict[str, Any]) -> Any:
        user = fake.user(
            int(body["id"]),
            body["first_name"],
            body.get("last_name"),
            body.get("username"),
            body.get("language_code", "id"),
            started=bool(body.get("started", True)),
        )
        return user.to_api()

    async def add_group(body: dict[str, Any]) -> Any:
        members = [tuple(m) if isinstance(m, list) else m for m in body.get("members", [])]
        chat = fake.group(
            int(body["id"]),
            body["title"],
            body.get("type", "supergroup"),
            members,
            username=body.get("username"),
            bot_status=body.get("bot_status", "member"),
        )
        return chat.to_api()

    async def block(body: dict[str, Any]) -> Any:
        fake.block(int(body["user_id"]))
        return True

    async def unblock(body: dict[str, Any]) -> Any:
        fake.unblock(int(body["user_id"]))
        return True

    async def member_status(body: dict[str, Any]) -> Any:
        fake.set_member_status(int(body["chat_id"]), int(body["user_id"]), body["status"])
        return True

    async def send_text(body: dict[str, Any]) -> Any:
        chat_id = chat_arg(body)
        reply_to = None
        if body.get("reply_to_message_id") is not None:
            reply_chat = chat_id if chat_id is not None else int(body["user_id"])
            reply_to = {"chat": {"id": reply_chat}, "message_id": int(body["reply_to_message_id"])}
        return message_view(fake.send_text(int(body["user_id"]), body["text"], chat_id, reply_to))

    async def press(body: dict[str, Any]) -> Any:
        user_id, chat_id, message_id = int(body["user_id"]), int(body["chat_id"]), int(body["message_id"])
        if body.get("raw"):
            return fake.press_raw(user_id, message_id, chat_id, body["data"]).to_api()
        ref = {"chat": {"id": chat_id}, "message_id": message_id}
        return fake.press(user_id, ref, body["data"]).to_api()

    async def send_document(body: dict[str, Any]) -> Any:
        message = fake.send_document(
            int(body["user_id"]),
            body["file_name"],
            base64.b64decode(body["content_base64"]),
            body.get("mime_type", "application/octet-stream"),
            chat_arg(body),
            body.get("caption"),
        )
        return message_view(message)

    async def send_photo(body: dict[str, Any]) -> Any:
        message = fake.send_photo(
            int(body["user_id"]), base64.b64decode(body["content_base64"]), chat_arg(body), body.get("caption")
        )
        return message_view(message)

    async def messages(body: dict[str, Any]) -> Any:
        return [message_view(m) for m in fake.messages(int(body["chat_id"]))]

    async def transcript(body: dict[str, Any]) -> Any:
        return fake.transcript()

    async def calls(body: dict[str, Any]) -> Any:
        return [call_view(c) for c in fake.calls]

    async def callback_answers(body: dict[str, Any]) -> Any:
        return {
            query_id: {"text": a.text, "show_alert": a.show_alert, "url": a.url}
            for query_id, a in fake.callback_answers.items()
        }

    async def wait_message(body: dict[str, Any]) -> Any:
        since = int(body["since"]) if body.get("since") not in (None, "") else None
        message = await fake.wait_message(
            int(body["chat_id"]), body.get("contains"), float(body.get("timeout", 5.0)), since=since
        )
        return message_view(message)

    async def mark(body: dict[str, Any]) -> Any:
        return fake.mark()

    routes: dict[str, tuple[str, JsonHandler]] = {
        "users": ("POST", add_user),
        "groups": ("POST", add_group),
        "block": ("POST", block),
        "unblock": ("POST", unblock),
        "member_status": ("POST", member_status),
        "send_text": ("POST", send_text),
        "press": ("POST", press),
        "send_document": ("POST", send_document),
        "send_photo": ("POST", send_photo),
        "wait_message": ("POST", wait_message),
        "messages": ("GET", messages),
        "transcript": ("GET", transcript),
        "calls": ("GET", calls),
        "callback_answers": ("GET", callback_answers),
        "mark": ("GET", mark),
    }
    for name, (verb, handler) in routes.items():
        app.router.add_route(verb, f"/_fake/{name}", endpoint(handler))
