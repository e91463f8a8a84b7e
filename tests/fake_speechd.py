"""A stand-in speech-dispatcher socket for the fault tests, run on a thread of the test.

- ``never``: accepts connections and never answers (a stuck daemon);
- ``once``: answers the speech library's greeting and the first phrase like a real
  daemon (SSIP, the speech-dispatcher protocol), then never answers again;
- ``probe``: answers a HELP (the app's first question) and then nothing.

Point the speech library at it with ``SPEECHD_ADDRESS=unix_socket:<path>``.
"""

from __future__ import annotations

import contextlib
import socket
import threading


class FakeSpeechd:
    def __init__(self, path, mode: str):
        assert mode in ("never", "once", "probe")
        self.path = str(path)
        self.mode = mode
        self.received: list[str] = []
        self.phrases = 0
        self._server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._server.bind(self.path)
        self._server.listen(8)
        self._clients: list[socket.socket] = []
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def address(self) -> str:
        return f"unix_socket:{self.path}"

    def close(self) -> None:
        self._closed = True
        for sock in [self._server, *self._clients]:
            with contextlib.suppress(OSError):
                sock.close()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            self._clients.append(client)
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        buffer = b""
        in_data = False
        while not self._closed:
            try:
                chunk = client.recv(4096)
            except OSError:
                return
            if not chunk:
                return
            buffer += chunk
            while b"\r\n" in buffer:
                line, buffer = buffer.split(b"\r\n", 1)
                text = line.decode(errors="replace")
                self.received.append(text)
                if self.mode == "probe" and text.upper() == "HELP":
                    client.sendall(b"248-HELP\r\n248 OK HELP SENT\r\n")
                    continue
                if self.mode in ("never", "probe") or self.phrases >= 1:
                    continue   # stuck: read on, answer nothing
                reply = self._reply(text, in_data)
                if text.upper() == "SPEAK":
                    in_data = True
                elif in_data and text == ".":
                    in_data = False
                    self.phrases += 1
                if reply:
                    client.sendall(reply.encode())

    @staticmethod
    def _reply(text: str, in_data: bool) -> str:
        upper = text.upper()
        if in_data:
            return "225-1\r\n225 OK MESSAGE QUEUED\r\n" if text == "." else ""
        if upper == "SPEAK":
            return "230 OK RECEIVING DATA\r\n"
        if upper.startswith("LIST OUTPUT_MODULES"):
            return "250-espeak-ng\r\n250 OK MODULE LIST SENT\r\n"
        if upper.startswith("LIST SYNTHESIS_VOICES"):
            return ("249-English (America)\ten-us\tnone\r\n249-Bishnupriya Manipuri\tbpy\tnone\r\n"
                    "249 OK VOICE LIST SENT\r\n")
        if upper.startswith("LIST VOICES"):
            return "249-MALE1\r\n249 OK VOICE LIST SENT\r\n"
        if upper.startswith("GET OUTPUT_MODULE"):
            return "251-espeak-ng\r\n251 OK GET RETURNED\r\n"
        if upper.startswith("GET"):
            return "251-0\r\n251 OK GET RETURNED\r\n"
        if upper.startswith("HISTORY GET CLIENT_ID"):
            return "245-1\r\n245 OK CLIENT ID SENT\r\n"
        if upper == "QUIT":
            return "231 HAPPY HACKING\r\n"
        return "200 OK\r\n"
