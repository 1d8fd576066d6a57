"""A real HTTP server on 127.0.0.1 that serves feeds the way tests script them."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from aiohttp import web


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None  # answer 304 when If-None-Match matches
    last_modified: str | None = None  # answer 304 when If-Modified-Since matches
    delay: float = 0.0  # seconds before answering
    redirect_to: str | None = None
    trickle: float = 0.0  # seconds between 1 KiB chunks of the body


@dataclass(frozen=True)
class Seen:
    path: str
    headers: dict[str, str]


class FeedServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Seen] = []
        self._runner: web.AppRunner | None = None
        self.port = 0
        self.in_flight = 0
        self.max_in_flight = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def add(self, path: str, body: bytes | str = b"", **options: object) -> str:
        data = body.encode() if isinstance(body, str) else body
        self.routes[path] = Route(body=data, **options)  # type: ignore[arg-type]
        return self.url(path)

    def hits(self, path: str) -> list[Seen]:
        return [seen for seen in self.requests if seen.path == path]

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("GET", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, handler_cancellation=True)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            return await self._answer(request)
        finally:
            self.in_flight -= 1

    async def _answer(self, request: web.Request) -> web.StreamResponse:
        self.requests.append(Seen(request.path, dict(request.headers)))
        route = self.routes.get(request.path)
        if route is None:
            raise web.HTTPNotFound
        if route.delay:
            await asyncio.sleep(route.delay)
        if route.redirect_to:
            return web.Response(status=route.status, headers={"Location": route.redirect_to})
        if self._not_modified(request, route):
            return web.Response(status=304, headers=self._validators(route))
        headers = {"Content-Type": "application/rss+xml; charset=utf-8", **route.headers}
        headers.update(self._validators(route))
        if route.trickle:
            return await self._trickle(request, route, headers)
        return web.Response(status=route.status, body=route.body, headers=headers)

    @staticmethod
    def _not_modified(request: web.Request, route: Route) -> bool:
        if route.etag and request.headers.get("If-None-Match") == route.etag:
            return True
        since = request.headers.get("If-Modified-Since")
        return bool(route.last_modified and since == route.last_modified)

    @staticmethod
    def _validators(route: Route) -> dict[str, str]:
        found = {}
        if route.etag:
            found["ETag"] = route.etag
        if route.last_modified:
            found["Last-Modified"] = route.last_modified
        return found

    @staticmethod
    async def _trickle(
        request: web.Request, route: Route, headers: dict[str, str]
    ) -> web.StreamResponse:
        response = web.StreamResponse(status=route.status, headers=headers)
        await response.prepare(request)
        for start in range(0, len(route.body), 1024):
            await response.write(route.body[start : start + 1024])
            await asyncio.sleep(route.trickle)
        await response.write_eof()
        return response
