"""The Bot API methods the fake implements, with Telegram's checks and errors.

Each handler takes Params and returns the JSON `result`, or raises ApiError.
`BotApi.call` runs one, and records it in the call log and transcript."""

from __future__ import annotations

import asyncio
import json
import mimetypes
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any
from urllib.parse import urlsplit

from . import content
from .errors import ApiError, bad_request, forbidden, too_many_requests
from .limits import FloodControl
from .models import (
    ApiCall,
    CallbackAnswer,
    FakeChat,
    FakeUser,
    StoredFile,
    StoredMessage,
)
from .params import Params, Upload
from .state import State, WebhookConfig

Handler = Callable[["BotApi", Params], Awaitable[Any]]
_METHODS: dict[str, tuple[str, Handler]] = {}  # lower-case name -> (canonical name, handler)

CHAT_ACTIONS = frozenset(
    {
        "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
        "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note",
    }
)  # fmt: skip
_COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")
_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024  # getFile refuses bigger files

CONFLICT_WEBHOOK = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
)
CONFLICT_OTHER_POLL = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
)
QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the same "
    "as a current content and reply markup of the message"
)


def api_method(name: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        _METHODS[name.lower()] = (name, handler)
        return handler

    return register


def canonical_name(method: str) -> str | None:
    found = _METHODS.get(method.lower())
    return found[0] if found else None


def describe_message(message: StoredMessage) -> str:
    """One-line, human-readable rendering of a message for the transcript."""
    head = None
    if message.document is not None:
        head = f"📎 {message.document.file_name or 'document'}"
    elif message.photo is not None:
        head = "🖼 photo"
    body = message.visible
    line = f"{head} — {body}" if head and body else head or body
    buttons = " ".join(f"[{button.get('text', '')}]" for row in message.inline_keyboard() for button in row)
    if buttons:
        line = f"{line} {buttons}"
    if message.reply_markup and message.reply_markup.get("force_reply"):
        line += " (force reply)"
    return line


@dataclass
class Disruption:
    """The next `times` calls of a method answer only after `delay` seconds, and then with
    HTTP `status` (Telegram's own outages: 502, 504…) instead of running, if one is given."""
    times: int
    delay: float = 0.0
    status: int | None = None


class BotApi:
    def __init__(
        self,
        state: State,
        flood: FloodControl,
        *,
        strict_ampersand: bool = True,
        on_webhook_change: Callable[[], None] = lambda: None,
    ) -> None:
        self.state = state
        self.flood = flood
        self.strict_ampersand = strict_ampersand
        self.on_webhook_change = on_webhook_change
        self._poll_generation = 0
        self.disruptions: dict[str, Disruption] = {}  # by canonical method name

    @property
    def bot(self) -> FakeUser:
        return self.state.bot

    # --- dispatch -------------------------------------------------------------------

    async def call(self, method: str, params: Params) -> tuple[int, dict[str, Any]]:
        """Run one Bot API call; returns (HTTP status, JSON body) and logs it."""
        arrived = time.time()
        found = _METHODS.get(method.lower())
        name = found[0] if found else method
        try:
            if found is None:
                raise ApiError(404, "Not Found")
            await self._disrupted(name)
            result = await found[1](self, params)
            status, body = 200, {"ok": True, "result": result}
        except ApiError as exc:
            status, body = exc.code, exc.to_json()
        self.record(name, params, arrived, status, body.get("description"))
        return status, body

    async def _disrupted(self, method: str) -> None:
        disruption = self.disruptions.get(method)
        if disruption is None:
            return
        disruption.times -= 1
        if disruption.times <= 0:
            del self.disruptions[method]
        if disruption.delay:
            await asyncio.sleep(disruption.delay)
        if disruption.status is not None:
            raise ApiError(disruption.status, HTTPStatus(disruption.status).phrase)

    def record(self, method: str, params: Params, arrived: float, status: int, description: str | None) -> None:
        self.state.calls.append(ApiCall(method, params.for_log(), arrived, status, description))
        if status != 200:
            self.state.say(f"⚠️ {status} {method}: {description}")
        self.state.changed()

    # --- shared checks --------------------------------------------------------------

    def _chat(self, p: Params, name: str = "chat_id") -> FakeChat:
        raw = p.raw(name)
        if raw is None:
            raise bad_request("chat_id is empty")
        if isinstance(raw, str) and raw.startswith("@"):
            chat = next((c for c in self.state.chats.values() if c.username and f"@{c.username}" == raw), None)
        else:
            try:
                chat_id = p.get_int(name)
            except ApiError:
                raise bad_request("chat not found") from None
            chat = self.state.chat_for_id(chat_id) if chat_id is not None else None
        if chat is None:
            raise bad_request("chat not found")
        return chat

    def _sendable_chat(self, p: Params) -> FakeChat:
        """The target chat, if the bot may post there (blocked users, kicked bot...)."""
        chat = self._chat(p)
        if chat.migrated_to is not None:
            raise bad_request("group chat was upgraded to a supergroup chat")
        if chat.is_private:
            assert chat.user is not None
            if chat.id in self.state.blocked:
                raise forbidden("bot was blocked by the user")
            if not chat.user.started:
                raise forbidden("bot can't initiate conversation with a user")
            return chat
        status = chat.status_of(self.bot.id)
        kind = "supergroup chat" if chat.type == "supergroup" else "group chat"
        if status == "kicked":
            raise forbidden(f"bot was kicked from the {kind}")
        if status == "left":
            raise forbidden(f"bot is not a member of the {kind}")
        if status == "restricted":
            raise bad_request("not enough rights to send text messages to the chat")
        return chat

    def _flood(self, chat: FakeChat) -> None:
        retry_after = self.flood.acquire(chat.id, chat.type)
        if retry_after is not None:
            raise too_many_requests(retry_after)

    def _markup(self, p: Params) -> dict[str, Any] | None:
        return content.reply_markup(p.get_json("reply_markup", "can't parse reply keyboard markup JSON object"))

    def _reply_target(self, p: Params, chat: FakeChat) -> StoredMessage | None:
        parameters = p.get_json("reply_parameters")
        if parameters is not None:
            if not isinstance(parameters, dict) or "message_id" not in parameters:
                raise bad_request("can't parse reply parameters JSON object")
            message_id = parameters["message_id"]
            allow_missing = bool(parameters.get("allow_sending_without_reply"))
            target_chat_id = parameters.get("chat_id", chat.id)
        else:
            message_id = p.get_int("reply_to_message_id")
            allow_missing = p.get_bool("allow_sending_without_reply")
            target_chat_id = chat.id
        if message_id is None:
            return None
        try:
            target = self.state.find_message(int(target_chat_id), int(message_id))
        except (TypeError, ValueError):
            target = None
        if target is None and not allow_missing:
            raise bad_request("message to be replied not found")
        return target

    def _text(self, p: Params, name: str = "text") -> content.ParsedText:
        explicit = p.get_json("entities")
        text = p.get_str(name)
        if explicit and not p.has("parse_mode"):
            parsed = content.message_text(text, None, strict_ampersand=self.strict_ampersand)
            return content.ParsedText(parsed.text, list(explicit))
        return content.message_text(text, p.get_str("parse_mode"), strict_ampersand=self.strict_ampersand)

    def _caption(self, p: Params) -> content.ParsedText | None:
        return content.caption_text(
            p.get_str("caption"), p.get_str("parse_mode"), strict_ampersand=self.strict_ampersand
        )

    def _stored_file(self, value: Upload | str | None, kind: str) -> StoredFile:
        if value is None:
            raise bad_request(f"there is no {kind} in the request")
        if isinstance(value, Upload):
            content.check_upload_size(value.content)
            width = height = 0
            if kind == "photo":
                size = content.image_size(value.content)
                if size is None:
                    raise bad_request("IMAGE_PROCESS_FAILED")
                width, height = size
            mime = (value.content_type or "").split(";")[0].strip()
            if not mime or mime == "application/octet-stream":
                mime = mimetypes.guess_type(value.filename)[0] or "application/octet-stream"
            name = value.filename if kind == "document" else None
            return self.state.add_file(value.content, kind, name, mime, width, height)
        if value.startswith(("http://", "https://")):
            raise bad_request("failed to get HTTP URL content")  # the fake has no internet
        stored = self.state.files.get(value)
        if stored is None:
            raise bad_request("wrong file identifier/HTTP URL specified")
        if stored.kind != kind:
            raise bad_request(f"can't use file of type {stored.kind.title()} as {kind.title()}")
        return stored

    def _log_bot_message(self, message: StoredMessage, verb: str = "🤖 →") -> None:
        self.state.say(f"{verb} {message.chat.display_name}: {describe_message(message)}")

    def _editable(self, p: Params) -> StoredMessage:
        if p.has("inline_message_id"):
            raise bad_request("MESSAGE_ID_INVALID")  # the fake has no inline mode
        chat = self._chat(p)
        message_id = p.get_int("message_id")
        if message_id is None:
            raise bad_request("message identifier is not specified")
        message = self.state.find_message(chat.id, message_id)
        if message is None:
            raise bad_request("message to edit not found")
        if not message.from_bot:
            raise bad_request("message can't be edited")
        return message

    def _set_allowed_updates(self, p: Params) -> None:
        """allowed_updates persists until changed; [] means Telegram's default set."""
        allowed = p.get_json("allowed_updates")
        if allowed is None:
            return
        if not isinstance(allowed, list) or not all(isinstance(kind, str) for kind in allowed):
            raise bad_request("can't parse allowed_updates JSON object")
        self.state.allowed_updates = frozenset(allowed) if allowed else None

    def _member(self, chat: FakeChat, user: FakeUser, status: str) -> dict[str, Any]:
        member: dict[str, Any] = {"status": status, "user": user.to_api()}
        if status == "creator":
            member["is_anonymous"] = False
        elif status == "administrator":
            member.update(
                can_be_edited=False, is_anonymous=False, can_manage_chat=True, can_delete_messages=True,
                can_manage_video_chats=True, can_restrict_members=True, can_promote_members=False,
                can_change_info=True, can_invite_users=True, can_post_stories=False, can_edit_stories=False,
                can_delete_stories=False, can_send_welcome_messages=False, can_pin_messages=True,
            )  # fmt: skip
        elif status == "restricted":
            member.update(dict.fromkeys((
                "can_send_messages", "can_send_audios", "can_send_documents", "can_send_photos",
                "can_send_videos", "can_send_video_notes", "can_send_voice_notes", "can_send_polls",
                "can_send_other_messages", "can_add_web_page_previews", "can_react_to_messages",
                "can_edit_tag", "can_change_info", "can_invite_users", "can_pin_messages", "can_manage_topics",
            ), False))  # fmt: skip
            member.update(is_member=True, until_date=0)
        elif status == "kicked":
            member["until_date"] = 0
        return member

    def _user(self, p: Params) -> FakeUser:
        user_id = p.get_int("user_id")
        if user_id is None:
            raise bad_request("user_id is empty")
        if user_id == self.bot.id:
            return self.bot
        user = self.state.users.get(user_id)
        if user is None:
            raise bad_request("user not found")
        return user

    # --- bot ------------------------------------------------------------------------

    @api_method("getMe")
    async def get_me(self, p: Params) -> Any:
        return {
            **self.bot.to_api(),
            "can_join_groups": True,
            "can_read_all_group_messages": not self.state.privacy_mode,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    @api_method("logOut")
    async def log_out(self, p: Params) -> Any:
        return True

    @api_method("close")
    async def close(self, p: Params) -> Any:
        return True

    # --- updates --------------------------------------------------------------------

    @api_method("getUpdates")
    async def get_updates(self, p: Params) -> Any:
        state = self.state
        if state.webhook is not None:
            raise ApiError(409, CONFLICT_WEBHOOK)
        offset = p.get_int("offset", 0) or 0
        limit = min(max(p.get_int("limit", 100) or 100, 1), 100)
        timeout = max(p.get_float("timeout", 0.0) or 0.0, 0.0)
        self._set_allowed_updates(p)
        if offset:
            state.confirm(offset)
        # Only one getUpdates may wait at a time: a newer one ends older ones with 409.
        self._poll_generation += 1
        generation = self._poll_generation
        state.changed()
        if timeout > 0 and not state.pending(limit):
            state.polls_waiting += 1
            state.changed()
            try:
                await state.wait_until(
                    lambda: state.closing or generation != self._poll_generation or state.pending(limit),
                    timeout,
                )
            except TimeoutError:
                pass
            finally:
                state.polls_waiting -= 1
                state.changed()
        if generation != self._poll_generation:
            raise ApiError(409, CONFLICT_OTHER_POLL)
        if state.webhook is not None:
            raise ApiError(409, CONFLICT_WEBHOOK)
        return [update.to_api() for update in state.pending(limit)]

    @api_method("setWebhook")
    async def set_webhook(self, p: Params) -> Any:
        url = p.get_str("url") or ""
        if not url:
            return await self.delete_webhook(p)
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        secret = p.get_str("secret_token")
        if secret is not None and not _SECRET_RE.match(secret):
            raise bad_request("secret token contains unallowed characters")
        self._set_allowed_updates(p)
        if p.get_bool("drop_pending_updates"):
            self.state.updates.clear()
        self.state.webhook = WebhookConfig(url, secret, p.get_int("max_connections", 40) or 40)
        self.state.changed()
        self.on_webhook_change()
        return True

    @api_method("deleteWebhook")
    async def delete_webhook(self, p: Params) -> Any:
        if p.get_bool("drop_pending_updates"):
            self.state.updates.clear()
        self.state.webhook = None
        self.state.changed()
        self.on_webhook_change()
        return True

    @api_method("getWebhookInfo")
    async def get_webhook_info(self, p: Params) -> Any:
        hook = self.state.webhook
        info: dict[str, Any] = {
            "url": hook.url if hook else "",
            "has_custom_certificate": False,
            "pending_update_count": len(self.state.pending()),
        }
        if hook is not None:
            info["max_connections"] = hook.max_connections
            info["ip_address"] = "127.0.0.1"
            if hook.last_error_date is not None:
                info["last_error_date"] = hook.last_error_date
                info["last_error_message"] = hook.last_error_message
            if self.state.allowed_updates is not None:
                info["allowed_updates"] = sorted(self.state.allowed_updates)
        return info

    # --- commands -------------------------------------------------------------------

    def _commands_key(self, p: Params) -> tuple[str, str]:
        scope = p.get_json("scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), p.get_str("language_code") or ""

    @api_method("setMyCommands")
    async def set_my_commands(self, p: Params) -> Any:
        commands = p.get_json("commands")
        if not isinstance(commands, list):
            raise bad_request("can't parse commands JSON object")
        if len(commands) > 100:
            raise bad_request("too many commands specified")
        clean = []
        for command in commands:
            if not isinstance(command, dict):
                raise bad_request("can't parse BotCommand JSON object")
            name, description = command.get("command"), command.get("description")
            if not isinstance(name, str) or not _COMMAND_RE.match(name.lower().lstrip("/")):
                raise bad_request("BOT_COMMAND_INVALID")
            if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
            clean.append({"command": name.lower().lstrip("/"), "description": description})
        key = self._commands_key(p)
        if clean:
            self.state.commands[key] = clean
        else:
            self.state.commands.pop(key, None)
        return True

    @api_method("getMyCommands")
    async def get_my_commands(self, p: Params) -> Any:
        return self.state.commands.get(self._commands_key(p), [])

    @api_method("deleteMyCommands")
    async def delete_my_commands(self, p: Params) -> Any:
        self.state.commands.pop(self._commands_key(p), None)
        return True

    def _set_description(self, p: Params, kind: str, limit: int) -> Any:
        text = p.get_str(kind) or ""
        if len(text) > limit:
            raise bad_request(f"{kind.upper()}_INVALID")
        key = (kind, p.get_str("language_code") or "")
        if text:
            self.state.descriptions[key] = text
        else:
            self.state.descriptions.pop(key, None)
        return True

    @api_method("setMyDescription")
    async def set_my_description(self, p: Params) -> Any:
        return self._set_description(p, "description", 512)

    @api_method("setMyShortDescription")
    async def set_my_short_description(self, p: Params) -> Any:
        return self._set_description(p, "short_description", 120)

    @api_method("getMyDescription")
    async def get_my_description(self, p: Params) -> Any:
        return {"description": self.state.descriptions.get(("description", p.get_str("language_code") or ""), "")}

    @api_method("getMyShortDescription")
    async def get_my_short_description(self, p: Params) -> Any:
        key = ("short_description", p.get_str("language_code") or "")
        return {"short_description": self.state.descriptions.get(key, "")}

    # --- sending --------------------------------------------------------------------

    def _thread(self, p: Params, chat: FakeChat) -> int | None:
        thread_id = p.get_int("message_thread_id")
        if thread_id is not None and not chat.is_forum:
            raise bad_request("message thread not found")
        return thread_id

    @api_method("sendMessage")
    async def send_message(self, p: Params) -> Any:
        chat = self._sendable_chat(p)
        thread_id = self._thread(p, chat)
        parsed = self._text(p)
        markup = self._markup(p)
        reply_to = self._reply_target(p, chat)
        self._flood(chat)  # only valid messages count against the limits
        message = self.state.add_message(
            chat,
            self.bot,
            text=parsed.text,
            raw_text=p.get_str("text"),
            entities=parsed.entities,
            parse_mode=p.get_str("parse_mode"),
            reply_markup=markup,
            reply_to=reply_to,
            link_preview_options=p.get_json("link_preview_options"),
            disable_notification=p.get_bool("disable_notification"),
            thread_id=thread_id,
        )
        self._log_bot_message(message)
        return message.to_api()

    async def _send_file(self, p: Params, kind: str) -> Any:
        chat = self._sendable_chat(p)
        caption = self._caption(p)
        markup = self._markup(p)
        reply_to = self._reply_target(p, chat)
        stored = self._stored_file(p.input_file(kind), kind)
        self._flood(chat)
        message = self.state.add_message(
            chat,
            self.bot,
            caption=caption.text if caption else None,
            raw_caption=p.get_str("caption"),
            caption_entities=caption.entities if caption else [],
            parse_mode=p.get_str("parse_mode"),
            reply_markup=markup,
            reply_to=reply_to,
            disable_notification=p.get_bool("disable_notification"),
            **{kind: stored},
        )
        self._log_bot_message(message)
        return message.to_api()

    @api_method("sendDocument")
    async def send_document(self, p: Params) -> Any:
        return await self._send_file(p, "document")

    @api_method("sendPhoto")
    async def send_photo(self, p: Params) -> Any:
        return await self._send_file(p, "photo")

    @api_method("sendChatAction")
    async def send_chat_action(self, p: Params) -> Any:
        self._sendable_chat(p)
        if p.get_str("action") not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        return True

    # --- editing --------------------------------------------------------------------

    def _finish_edit(self, message: StoredMessage, verb: str) -> Any:
        message.edited = True
        message.edit_date = int(time.time())
        self.state.touch(message)
        self._log_bot_message(message, verb)
        return message.to_api()

    @api_method("editMessageText")
    async def edit_message_text(self, p: Params) -> Any:
        message = self._editable(p)
        if message.text is None:
            raise bad_request("there is no text in the message to edit")
        parsed = self._text(p)
        markup = self._markup(p)  # omitted = keyboard removed, as on Telegram
        if (
            parsed.text == message.text
            and parsed.entities == message.entities
            and content.same_markup(markup, message.reply_markup)
        ):
            raise bad_request(NOT_MODIFIED)
        message.text, message.raw_text, message.entities = parsed.text, p.get_str("text"), parsed.entities
        message.parse_mode = p.get_str("parse_mode")
        message.reply_markup = markup
        if p.has("link_preview_options"):
            message.link_preview_options = p.get_json("link_preview_options")
        return self._finish_edit(message, "✏️ edited →")

    @api_method("editMessageCaption")
    async def edit_message_caption(self, p: Params) -> Any:
        message = self._editable(p)
        if message.document is None and message.photo is None:
            raise bad_request("there is no caption in the message to edit")
        caption = self._caption(p)
        markup = self._markup(p)
        new_text = caption.text if caption else None
        new_entities = caption.entities if caption else []
        if (
            new_text == message.caption
            and new_entities == message.caption_entities
            and content.same_markup(markup, message.reply_markup)
        ):
            raise bad_request(NOT_MODIFIED)
        message.caption, message.raw_caption, message.caption_entities = new_text, p.get_str("caption"), new_entities
        message.reply_markup = markup
        return self._finish_edit(message, "✏️ edited →")

    @api_method("editMessageReplyMarkup")
    async def edit_message_reply_markup(self, p: Params) -> Any:
        message = self._editable(p)
        markup = self._markup(p)
        if content.same_markup(markup, message.reply_markup):
            raise bad_request(NOT_MODIFIED)
        message.reply_markup = markup
        return self._finish_edit(message, "✏️ keyboard edited →")

    @api_method("deleteMessage")
    async def delete_message(self, p: Params) -> Any:
        chat = self._chat(p)
        message_id = p.get_int("message_id")
        message = self.state.find_message(chat.id, message_id) if message_id is not None else None
        if message is None:
            raise bad_request("message to delete not found")
        if (not chat.is_private and not message.from_bot
                and chat.status_of(self.bot.id) not in ("administrator", "creator")):
            raise bad_request("message can't be deleted for everyone")
        message.deleted = True
        self.state.touch(message)
        self.state.say(f"🗑 deleted → {chat.display_name}: {describe_message(message)}")
        return True

    # --- callbacks ------------------------------------------------------------------

    @api_method("answerCallbackQuery")
    async def answer_callback_query(self, p: Params) -> Any:
        query_id = p.get_str("callback_query_id")
        query = self.state.callbacks.get(query_id or "")
        if query is None or self.flood.clock() - query.created_at > self.flood.limits.callback_ttl:
            self.state.callbacks.pop(query_id or "", None)
            raise bad_request(QUERY_TOO_OLD)
        text = p.get_str("text")
        if text is not None and len(text) > content.CALLBACK_ANSWER_MAX:
            raise bad_request("MESSAGE_TOO_LONG")
        del self.state.callbacks[query.id]  # a query can be answered once
        answer = CallbackAnswer(
            query.id, text, p.get_bool("show_alert"), p.get_str("url"), p.get_int("cache_time", 0) or 0
        )
        self.state.callback_answers[query.id] = answer
        shown = f"{text} (alert)" if text and answer.show_alert else text or "(no text)"
        self.state.say(f"💬 answer → {query.user.first_name}: {shown}")
        self.state.changed()
        return True

    # --- files ----------------------------------------------------------------------

    @api_method("getFile")
    async def get_file(self, p: Params) -> Any:
        stored = self.state.files.get(p.get_str("file_id") or "")
        if stored is None:
            raise bad_request("wrong file_id or the file is temporarily unavailable")
        if stored.size > MAX_DOWNLOAD_BYTES:
            raise bad_request("file is too big")
        return stored.to_file()

    # --- chats ----------------------------------------------------------------------

    @api_method("getChat")
    async def get_chat(self, p: Params) -> Any:
        chat = self._chat(p)
        return {
            **chat.to_api(),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }

    @api_method("getChatMember")
    async def get_chat_member(self, p: Params) -> Any:
        chat = self._chat(p)
        user = self._user(p)
        if chat.is_private:
            if user.id not in (chat.id, self.bot.id):
                raise bad_request("user not found")
            return self._member(chat, user, "member")
        return self._member(chat, user, chat.status_of(user.id))

    @api_method("getChatAdministrators")
    async def get_chat_administrators(self, p: Params) -> Any:
        chat = self._chat(p)
        if chat.is_private:
            raise bad_request("there are no administrators in the private chat")
        admins = []
        for user_id, status in chat.statuses.items():
            if status in ("creator", "administrator"):
                user = self.bot if user_id == self.bot.id else self.state.users.get(user_id)
                if user is not None:
                    admins.append(self._member(chat, user, status))
        return admins

    @api_method("getChatMemberCount")
    async def get_chat_member_count(self, p: Params) -> Any:
        chat = self._chat(p)
        if chat.is_private:
            return 2
        present = ("creator", "administrator", "member", "restricted")
        return sum(1 for status in chat.statuses.values() if status in present)
