"""A small clamd for the tests: speaks the INSTREAM protocol (and PING) over TCP or a unix
socket, and flags the EICAR test string as ClamAV does."""

import socketserver
import struct
import threading

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
SIGNATURE = "Win.Test.EICAR_HDB-1"


class _Handler(socketserver.BaseRequestHandler):
    def _read_exactly(self, size: int) -> bytes:
        data = b""
        while len(data) < size:
            part = self.request.recv(size - len(data))
            if not part:
                raise ConnectionError("client went away")
            data += part
        return data

    def _command(self) -> tuple[bytes, bytes]:
        first = self._read_exactly(1)
        end = b"\0" if first == b"z" else b"\n"
        command = b""
        while not command.endswith(end):
            command += self._read_exactly(1)
        return command.rstrip(end), end

    def handle(self):
        command, end = self._command()
        if command == b"PING":
            self.request.sendall(b"PONG" + end)
            return
        if command != b"INSTREAM":
            self.request.sendall(b"UNKNOWN COMMAND" + end)
            return
        content = b""
        while True:
            (size,) = struct.unpack("!L", self._read_exactly(4))
            if size == 0:
                break
            content += self._read_exactly(size)
        self.server.scanned.append(content)
        if EICAR in content:
            self.request.sendall(f"stream: {SIGNATURE} FOUND".encode() + end)
        else:
            self.request.sendall(b"stream: OK" + end)


class _TCPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class _UnixServer(socketserver.ThreadingUnixStreamServer):
    daemon_threads = True


class FakeClamd:
    """`with FakeClamd() as clamd:` then `clamd.url`; `clamd.scanned` holds what it received."""

    def __init__(self, unix_path: str | None = None):
        if unix_path:
            self.server = _UnixServer(unix_path, _Handler)
            self.url = f"unix://{unix_path}"
        else:
            self.server = _TCPServer(("127.0.0.1", 0), _Handler)
            self.url = f"tcp://127.0.0.1:{self.server.server_address[1]}"
        self.server.scanned = []
        self.scanned = self.server.scanned

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
