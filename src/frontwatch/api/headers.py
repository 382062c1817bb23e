"""Security headers on every HTTP response, refusals included, as a plain ASGI middleware: it only adds headers
to the response's start message (starlette's ``@app.middleware("http")`` wraps every request in a task and a
stream, a cost paid on each of the API's cheapest reads)."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class SecurityHeaders:
    """``csp`` on every page but ``docs_path``, which gets ``docs_csp`` (Swagger UI needs inline script)."""

    def __init__(self, app: ASGIApp, *, csp: str, docs_csp: str, docs_path: str = "/docs") -> None:
        self.app = app
        self.csp = csp
        self.docs_csp = docs_csp
        self.docs_path = docs_path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = self.docs_csp if scope["path"] == self.docs_path else self.csp

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Content-Security-Policy"] = csp
                headers["X-Content-Type-Options"] = "nosniff"
                headers["Referrer-Policy"] = "no-referrer"
                headers["X-Frame-Options"] = "DENY"
            await send(message)

        await self.app(scope, receive, send_with_headers)
