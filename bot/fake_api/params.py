"""Reading Bot API parameters however a client sends them.

aiogram posts multipart/form-data (or urlencoded) with every complex field as a
JSON string; python-telegram-bot posts urlencoded/multipart the same way; other
clients send JSON bodies or query strings. Telegram accepts all of them and
coerces by field type, so Params does the same with typed accessors."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import MultipartReader, web

from .errors import ApiError, bad_request

MAX_UPLOAD_BYTES = 50 * 1024 * 1024  # Telegram's limit for bot uploads


@dataclass
class Upload:
    """A file part of a multipart request."""

    filename: str
    content: bytes
    content_type: str | None = None


class Params:
    def __init__(self, fields: dict[str, Any] | None = None, uploads: dict[str, Upload] | None = None) -> None:
        self.fields: dict[str, Any] = dict(fields or {})
        self.uploads: dict[str, Upload] = dict(uploads or {})

    def has(self, name: str) -> bool:
        value = self.fields.get(name)
        return value is not None and value != ""

    def raw(self, name: str) -> Any:
        value = self.fields.get(name)
        return None if value == "" else value

    def get_str(self, name: str, default: str | None = None) -> str | None:
        value = self.raw(name)
        if value is None:
            return default
        if isinstance(value, str):
            return value
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int | float):
            return str(value)
        raise bad_request(f'field "{name}" must be of type String')

    def get_int(self, name: str, default: int | None = None) -> int | None:
        value = self.raw(name)
        if value is None:
            return default
        if isinstance(value, bool):
            raise bad_request(f'field "{name}" must be of type Integer')
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str):
            try:
                return int(value.strip())
            except ValueError:
                pass
        raise bad_request(f'field "{name}" must be of type Integer')

    def get_float(self, name: str, default: float | None = None) -> float | None:
        value = self.raw(name)
        if value is None:
            return default
        try:
            return float(value)
        except (TypeError, ValueError):
            raise bad_request(f'field "{name}" must be of type Number') from None

    def get_bool(self, name: str, default: bool = False) -> bool:
        value = self.raw(name)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, int):
            return value != 0
        if isinstance(value, str) and value.lower() in ("true", "1"):
            return True
        if isinstance(value, str) and value.lower() in ("false", "0"):
            return False
        raise bad_request(f'field "{name}" must be of type Boolean')

    def get_json(self, name: str, error: str | None = None) -> Any:
        """A JSON object/array field, given natively (JSON body) or as a JSON string."""
        value = self.raw(name)
        if value is None or isinstance(value, dict | list):
            return value
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                pass
        raise bad_request(error or f"can't parse {name} JSON object")

    def input_file(self, name: str) -> Upload | str | None:
        """An InputFile field: an uploaded part (by name or attach://), or a file_id/URL string."""
        if name in self.uploads:
            return self.uploads[name]
        value = self.get_str(name)
        if value is None:
            return None
        if value.startswith("attach://"):
            upload = self.uploads.get(value[len("attach://") :])
            if upload is None:
                raise bad_request(f"can't find attached file \"{value[len('attach://'):]}\"")
            return upload
        return value

    def for_log(self) -> dict[str, Any]:
        """Fields as received, with uploads summarised (for the call log)."""
        logged = dict(self.fields)
        for key, upload in self.uploads.items():
            logged[key] = f"<upload {upload.filename!r}, {len(upload.content)} bytes>"
        return logged


async def read_multipart(reader: MultipartReader, fields: dict[str, Any], uploads: dict[str, Upload]) -> None:
    total = 0
    while True:
        part = await reader.next()
        if part is None:
            return
        if isinstance(part, MultipartReader):
            continue  # nested multipart is not used by the Bot API
        name = part.name or ""
        if part.filename is not None:
            content = await part.read(decode=True)
            total += len(content)
            if total > MAX_UPLOAD_BYTES:
                raise ApiError(413, "Request Entity Too Large")
            ctype = part.headers.get("Content-Type")
            uploads[name] = Upload(part.filename, bytes(content), ctype)
        else:
            fields[name] = await part.text()


def parse_simple_body(content_type: str, body: bytes, fields: dict[str, Any]) -> None:
    """JSON or urlencoded bodies."""
    if not body:
        return
    if content_type == "application/json":
        try:
            data = json.loads(body)
        except ValueError:
            raise bad_request("can't parse JSON object") from None
        if not isinstance(data, dict):
            raise bad_request("JSON object expected")
        fields.update(data)
    elif content_type == "application/x-www-form-urlencoded":
        fields.update(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))


async def read_request_params(request: web.Request) -> Params:
    fields: dict[str, Any] = dict(request.query)
    uploads: dict[str, Upload] = {}
    if request.body_exists:
        if request.content_type.startswith("multipart/"):
            await read_multipart(await request.multipart(), fields, uploads)
        else:
            parse_simple_body(request.content_type, await request.read(), fields)
    return Params(fields, uploads)
