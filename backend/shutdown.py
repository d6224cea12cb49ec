"""Graceful stop: at SIGTERM every request a client has already sent is answered, none is dropped.

Sanic's stop sequence (per worker) is: before_server_stop listeners; close the listening server;
`close_if_idle()` on every connection; wait up to GRACEFUL_SHUTDOWN_TIMEOUT for the others; abort
what is left; after_server_stop. `close_if_idle()` treats a connection whose request bytes are
buffered, or still in the socket, as idle, because no handler has started on it yet: under load the
audit saw 204 of 300 such requests cut off without a response. Here:

- a connection that has not finished a request yet (a new one, or one with buffered bytes) is kept
  open: its request runs if it starts within SHUTDOWN_DRAIN_SECONDS of the stop, and is answered
  `503 shutting_down` with Retry-After after that, so every answer leaves before Sanic's
  GRACEFUL_SHUTDOWN_TIMEOUT aborts what is left; the answer closes the connection (no keep-alive once
  the stop has begun); one that sends nothing within NEW_CONNECTION_GRACE seconds is closed then;
- connections waiting in the listening socket's accept queue, or reaching it while the worker
  drains, are accepted and answered `503 shutting_down` with Retry-After: this worker will not serve
  them, and without an answer they would be reset when the process exits;
- idle keep-alive connections are closed at once, as before.

Sanic offers no way to pass a protocol class through `sanic --factory`, so `close_if_idle` is
replaced on Sanic's HTTP/1 protocol class, once per process.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import socket
import time
from typing import Any

import orjson
from sanic import Request, Sanic
from sanic.http.constants import Stage
from sanic.response import HTTPResponse
from sanic.server.protocols.http_protocol import HttpProtocol

from backend.errors import ShuttingDown

log = logging.getLogger(__name__)
NEW_CONNECTION_GRACE = 1.0  # seconds a connection accepted before the stop has to send its request
SWEEP_INTERVAL_SECONDS = 0.02
# Past a full accept queue the kernel admits further handshakes only when the client resends (after
# 0.2 s, 0.6 s, 1.4 s, ...): after a burst, the sweep goes on until this long passes without one.
AFTER_BURST_QUIET_SECONDS = 1.5
AFTER_BURST_MAX_SECONDS = 6.0


_STOP_REQUESTED_AT: list[float] = []  # set by the signal itself, not by the event loop's turn


def _is_loop_handler(handler: Any) -> bool:
    # asyncio installs a no-op Python handler and wakes through its wakeup fd; uvloop installs a bound
    # method of the loop. Anything else (a test runner's Ctrl-C handler, say) is left alone.
    return getattr(handler, "__name__", "") == "_sighandler_noop" or isinstance(
        getattr(handler, "__self__", None), asyncio.AbstractEventLoop)


def _chained(previous: Any) -> Any:
    def note_stop_signal(signum: int, frame: Any) -> None:
        # The loop runs Sanic's stop when it gets its turn; a worker busy with a burst may not get there
        # for seconds. This runs at once, between two bytecodes, so requests of that burst see the stop.
        if not _STOP_REQUESTED_AT:
            _STOP_REQUESTED_AT.append(time.monotonic())
        previous(signum, frame)

    note_stop_signal.__stop_watch__ = True  # type: ignore[attr-defined]
    return note_stop_signal


def _listen_for_stop_signals() -> None:
    for signum in (signal.SIGINT, signal.SIGTERM):
        previous = signal.getsignal(signum)
        if _is_loop_handler(previous) and not getattr(previous, "__stop_watch__", False):
            signal.signal(signum, _chained(previous))


def stop_requested_at(app: Sanic) -> float | None:
    """When this worker was told to stop (the signal's own time when known), or None."""
    if _STOP_REQUESTED_AT:
        return _STOP_REQUESTED_AT[0]
    return app.ctx.stop_began if app.ctx.stopping else None


def _served(protocol: Any) -> bool:
    info = getattr(protocol, "conn_info", None)
    return bool(info is not None and getattr(info.ctx, "served", False))


def _close_when_quiet(protocol: Any) -> None:
    http = getattr(protocol, "_http", None)
    if protocol.transport is None or protocol.transport.is_closing():
        return
    if (http is None or http.stage is Stage.IDLE) and not protocol.recv_buffer:
        protocol.close()
    else:  # its request is under way: it closes itself after the answer (keep-alive is off)
        protocol.loop.call_later(NEW_CONNECTION_GRACE, _close_when_quiet, protocol)


def _close_if_idle(self: Any) -> bool:
    http = getattr(self, "_http", None)
    if http is not None and http.stage is not Stage.IDLE:
        return False  # a request in progress: Sanic waits for it
    if self.recv_buffer or not _served(self):
        self.loop.call_later(NEW_CONNECTION_GRACE, _close_when_quiet, self)
        return False
    self.close()
    return True


def _patch_protocol() -> None:
    if getattr(HttpProtocol.close_if_idle, "__shezutong__", False):
        return
    _close_if_idle.__shezutong__ = True  # type: ignore[attr-defined]
    HttpProtocol.close_if_idle = _close_if_idle  # type: ignore[method-assign]


def _canned_503() -> bytes:
    error = ShuttingDown()
    body = orjson.dumps({"code": error.code, "message": error.message, "details": {}})
    head = (f"HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\n"
            f"content-length: {len(body)}\r\nretry-after: {error.retry_after}\r\nconnection: close\r\n\r\n")
    return head.encode() + body


def refuse_accept_queue(sock: socket.socket) -> int:
    """Accept what waits in the listening socket's queue and answer each 503; returns how many."""
    answer, refused = _canned_503(), 0
    sock.setblocking(False)
    while True:
        try:
            conn, _ = sock.accept()
        except (BlockingIOError, InterruptedError, OSError):
            return refused
        try:
            conn.settimeout(0.5)
            conn.sendall(answer)
            conn.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        finally:
            conn.close()
        refused += 1


async def _sweep_until_cancelled(socks: list[socket.socket], counter: list[int]) -> None:
    """Answer whatever reaches the accept queues 503, every few milliseconds, for the whole stop.

    Past a full accept queue (Sanic's backlog is 100) the kernel leaves further handshakes half done
    and admits them as the queue empties, when the client resends its request: a single pass would
    leave those to be reset when the process exits.
    """
    while True:
        counter[0] += sum(refuse_accept_queue(sock) for sock in socks)
        await asyncio.sleep(SWEEP_INTERVAL_SECONDS)


async def _sweep_while_arriving(socks: list[socket.socket], counter: list[int]) -> None:
    """After a burst, go on answering until no connection has come for a while (capped)."""
    counter[0] += sum(refuse_accept_queue(sock) for sock in socks)
    if not counter[0]:
        return
    loop = asyncio.get_running_loop()
    deadline = quiet_since = loop.time()
    deadline += AFTER_BURST_MAX_SECONDS
    while loop.time() < deadline and loop.time() - quiet_since < AFTER_BURST_QUIET_SECONDS:
        await asyncio.sleep(SWEEP_INTERVAL_SECONDS)
        more = sum(refuse_accept_queue(sock) for sock in socks)
        if more:
            counter[0] += more
            quiet_since = loop.time()


def _listening_sockets(app: Sanic) -> list[socket.socket]:
    found = []
    for info in getattr(app.state, "server_info", None) or []:
        sock = info.settings.get("sock")
        if isinstance(sock, socket.socket):
            found.append(sock)
    return found


def setup_graceful_shutdown(app: Sanic, *, drain_seconds: float) -> None:
    """Drain connected requests at stop and answer queued connections 503 (see the module docstring)."""
    _patch_protocol()
    app.ctx.stopping = False
    app.ctx.stop_began = None

    @app.on_request(priority=1000)  # type: ignore[call-arg]
    async def _mark_served(request: Request) -> None:
        info = request.conn_info
        if info is not None:
            info.ctx.served = True

    @app.on_response(priority=-1000)
    async def _no_keep_alive_while_stopping(request: Request, response: HTTPResponse) -> None:
        if stop_requested_at(app) is not None and hasattr(request.stream, "keep_alive"):
            request.stream.keep_alive = False  # type: ignore[union-attr]

    @app.on_request(priority=1001)  # type: ignore[call-arg]
    async def _refuse_after_the_drain(request: Request) -> None:
        began = stop_requested_at(app)
        if began is not None and time.monotonic() > began + drain_seconds:
            raise ShuttingDown()

    @app.after_server_start
    async def _watch_signals(app: Sanic) -> None:
        _listen_for_stop_signals()  # after Sanic registered its own handlers on the loop

    @app.listener("before_server_stop", priority=1000)
    async def _begin_stop(app: Sanic) -> None:
        app.ctx.stop_began = time.monotonic()
        app.ctx.stopping = True
        # Our own copies: Sanic closes its listening sockets next, the sweep goes on through the drain.
        socks = [sock.dup() for sock in _listening_sockets(app)]
        counter = [0]
        app.ctx.stop_sweep = (socks, counter, asyncio.create_task(_sweep_until_cancelled(socks, counter)))

    @app.listener("after_server_stop", priority=1000)
    async def _end_stop(app: Sanic) -> None:
        socks, counter, task = getattr(app.ctx, "stop_sweep", ([], [0], None))
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await _sweep_while_arriving(socks, counter)
        for sock in socks:
            sock.close()
        if counter[0]:
            log.warning("stopping: answered %d connections that arrived after the stop with 503", counter[0])


def setup_listen_backlog(app: Sanic, backlog: int) -> None:
    """Listen with a longer accept queue than Sanic's 100 (the CLI has no option for it).

    Past a full queue the kernel leaves handshakes half done; at a stop those can only be reset. The
    sockets are bound in the main process right after main_process_start, so the size is set there.
    """

    @app.main_process_start
    async def _set_backlog(app: Sanic) -> None:
        for info in getattr(app.state, "server_info", None) or []:
            info.settings["backlog"] = backlog
