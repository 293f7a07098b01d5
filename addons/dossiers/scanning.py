"""Virus scanning of uploads through ClamAV's daemon, clamd, with its INSTREAM command (SEC).

`CLAMAV_URL` is tcp://host:port or unix:///path/to/clamd.sock; unset means no scanning. The
stream is sent in chunks, each preceded by its length as a 4-byte big-endian number, and ended
by a zero length; clamd answers "stream: OK" or "stream: <signature> FOUND".
"""

import socket
import struct
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

CHUNK = 64 * 1024


class ScannerUnavailable(Exception):
    """clamd could not be reached or did not give a verdict: the upload is refused (fail closed)."""


@dataclass(frozen=True)
class Verdict:
    clean: bool
    signature: str = ""


def scanning_enabled() -> bool:
    return bool(settings.CLAMAV_URL)


def _connect() -> socket.socket:
    url = urlsplit(settings.CLAMAV_URL)
    timeout = settings.CLAMAV_TIMEOUT
    if url.scheme == "unix":
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        sock.connect(url.path)
        return sock
    if url.scheme == "tcp" and url.hostname:
        return socket.create_connection((url.hostname, url.port or 3310), timeout=timeout)
    raise ScannerUnavailable(f"CLAMAV_URL is not tcp://host:port or unix:///path: {url.geturl()}")


def scan_chunks(chunks) -> Verdict:
    """Send the file to clamd and read its verdict."""
    try:
        with _connect() as sock:
            sock.sendall(b"zINSTREAM\0")
            for chunk in chunks:
                for start in range(0, len(chunk), CHUNK):
                    part = chunk[start : start + CHUNK]
                    sock.sendall(struct.pack("!L", len(part)) + part)
            sock.sendall(struct.pack("!L", 0))
            reply = b""
            while not reply.endswith(b"\0"):
                data = sock.recv(4096)
                if not data:
                    break
                reply += data
    except OSError as exc:
        raise ScannerUnavailable(f"clamd at {settings.CLAMAV_URL}: {exc}") from exc
    answer = reply.rstrip(b"\0").decode("utf-8", "replace").strip()
    if answer.endswith("OK"):
        return Verdict(clean=True)
    if answer.endswith("FOUND"):
        signature = answer.removeprefix("stream:").removesuffix("FOUND").strip()
        return Verdict(clean=False, signature=signature)
    raise ScannerUnavailable(f"clamd gave no verdict: {answer!r}")
