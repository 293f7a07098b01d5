"""A local SMS gateway speaking the protocol of addons.notifications.sms (see its docstring)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class LocalSmsGateway:
    def __init__(self, token: str = "gateway-token"):  # noqa: S107
        self.token = token
        self.messages: list[dict] = []
        self.fail_with = 0  # an HTTP status to answer with instead of accepting
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/send"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> "LocalSmsGateway":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _handler(self):
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if self.headers.get("Authorization") != f"Bearer {gateway.token}":
                    status, answer = 401, {"error": "unauthorised"}
                elif gateway.fail_with:
                    status, answer = gateway.fail_with, {"error": "refused"}
                else:
                    message = json.loads(body)
                    gateway.messages.append(message)
                    status, answer = 200, {"id": f"msg-{len(gateway.messages)}"}
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler
