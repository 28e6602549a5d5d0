"""A TCP proxy between the app and PostgreSQL that a test can cut and restore (the shared server's outage).

``cut()`` drops every open connection at once and, until ``restore()``, closes each new one as soon as it
arrives (the server "unreachable"). ``cut_at_commit(forward=...)`` drops the connections when a client
sends ``COMMIT``: before the server sees it (``forward=False``: the transaction is rolled back) or after
the server has answered it (``forward=True``: committed, but the client never hears so). Threads, one
pair per connection; the test owns the proxy through the ``pg_proxy`` fixture.
"""

from __future__ import annotations

import socket
import threading
from contextlib import suppress

# The simple-query message psycopg sends to commit: 'Q', int32 length 11, "COMMIT\0".
COMMIT_MESSAGE = b"Q\x00\x00\x00\x0bCOMMIT\x00"


class CuttableProxy:
    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        self._pairs: list[tuple[socket.socket, socket.socket]] = []
        self._down = False
        self._commit_trap: bool | None = None  # None: off; else forward the COMMIT first or not
        self._stay_down_after_trap = False
        self.commits_trapped = 0
        self._stopped = False
        threading.Thread(target=self._accept, daemon=True).start()

    # ---- control, from the test

    def cut(self) -> None:
        """The server becomes unreachable: open connections drop, new ones are closed at once."""
        with self._lock:
            self._down = True
            pairs, self._pairs = self._pairs, []
        for pair in pairs:
            self._close(pair)

    def restore(self) -> None:
        with self._lock:
            self._down = False
            self._commit_trap = None

    def cut_at_commit(self, *, forward: bool, stay_down: bool = False) -> None:
        """Drop the connections at the next COMMIT (see the module text); ``stay_down``: and stay cut."""
        with self._lock:
            self._commit_trap = forward
            self._stay_down_after_trap = stay_down

    def close(self) -> None:
        self._stopped = True
        self.cut()
        with suppress(OSError):
            self._listener.close()

    # ---- the proxy

    def _accept(self) -> None:
        while not self._stopped:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                down = self._down
            if down:
                self._close((client,))
                continue
            try:
                server = socket.create_connection(self.target, timeout=5)
                server.settimeout(None)
            except OSError:
                self._close((client,))
                continue
            pair = (client, server)
            with self._lock:
                self._pairs.append(pair)
            state = {"answer_is_commit": False}
            threading.Thread(target=self._pump_up, args=(pair, state), daemon=True).start()
            threading.Thread(target=self._pump_down, args=(pair, state), daemon=True).start()

    def _pump_up(self, pair: tuple[socket.socket, socket.socket], state: dict[str, bool]) -> None:
        client, server = pair
        while True:
            try:
                data = client.recv(65536)
            except OSError:
                break
            if not data:
                break
            with self._lock:
                trap = self._commit_trap if COMMIT_MESSAGE in data else None
                if trap is not None:
                    self._commit_trap = None
                    self.commits_trapped += 1
            if trap is False:
                self._trip()
                return
            if trap is True:
                state["answer_is_commit"] = True
            try:
                server.sendall(data)
            except OSError:
                break
        self._close(pair)

    def _pump_down(self, pair: tuple[socket.socket, socket.socket], state: dict[str, bool]) -> None:
        client, server = pair
        while True:
            try:
                data = server.recv(65536)
            except OSError:
                break
            if not data:
                break
            if state["answer_is_commit"]:
                # The server has committed and answered; the client never gets the answer.
                self._trip()
                return
            try:
                client.sendall(data)
            except OSError:
                break
        self._close(pair)

    def _trip(self) -> None:
        with self._lock:
            stay = self._stay_down_after_trap
            pairs, self._pairs = self._pairs, []
            if stay:
                self._down = True
        for pair in pairs:
            self._close(pair)

    @staticmethod
    def _close(sockets: tuple[socket.socket, ...]) -> None:
        for sock in sockets:
            with suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            with suppress(OSError):
                sock.close()
