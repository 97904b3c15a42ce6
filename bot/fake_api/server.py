"""The HTTP face of the fake: Bot API routes and file downloads, shaped like
api.telegram.org (`/bot<token>/<method>`, `/file/bot<token>/<path>`)."""

from __future__ import annotations

import time

from aiohttp import web

from .errors import UNAUTHORIZED, ApiError
from .methods import BotApi, canonical_name
from .params import MAX_UPLOAD_BYTES, Params, read_request_params
from .state import State


def build_app(token: str, api: BotApi, state: State) -> web.Application:
    # Uploads up to Telegram's 50 MB must get through aiohttp's 1 MB default.
    app = web.Application(client_max_size=MAX_UPLOAD_BYTES + 1024 * 1024)

    async def handle_method(request: web.Request) -> web.Response:
        arrived = time.time()
        method = request.match_info["method"]
        try:
            params = await read_request_params(request)
        except ApiError as exc:
            api.record(canonical_name(method) or method, Params(), arrived, exc.code, exc.description)
            return web.json_response(exc.to_json(), status=exc.code)
        if request.match_info["token"] != token:
            api.record(canonical_name(method) or method, params, arrived, 401, UNAUTHORIZED.description)
            return web.json_response(UNAUTHORIZED.to_json(), status=401)
        status, body = await api.call(method, params)
        return web.json_response(body, status=status)

    async def handle_file(request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != token:
            return web.json_response(UNAUTHORIZED.to_json(), status=401)
        stored = state.file_by_path(request.match_info["path"])
        if stored is None:
            return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)
        return web.Response(body=stored.content, content_type=stored.mime_type or "application/octet-stream")

    app.router.add_route("*", "/bot{token}/{method}", handle_method)
    app.router.add_get("/file/bot{token}/{path:.+}", handle_file)
    return app
