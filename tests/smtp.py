"""Real SMTP servers on this machine for the outbox tests: down, up (aiosmtpd) or hanging."""

import socket

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Collect:
    def __init__(self, received):
        self.received = received

    async def handle_DATA(self, server, session, envelope):
        self.received.append(envelope)
        return "250 Message accepted for delivery"


class MailServer:
    """An SMTP server on a free port: refused until `start()`, then it keeps every message
    (`received`: aiosmtpd envelopes, whose `content` is the raw bytes as sent)."""

    def __init__(self):
        self.port = free_port()
        self.received = []
        self._controller = None

    def mailers(self, *, timeout: float = 2) -> dict:
        """A MAILERS setting that sends here over plain SMTP."""
        options = {"host": "127.0.0.1", "port": self.port, "use_tls": False, "timeout": timeout}
        return {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": options,
            }
        }

    def start(self):
        self._controller = Controller(_Collect(self.received), hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self):
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


class HangingServer:
    """Accepts TCP connections and then says nothing, like a mail server that has hung."""

    def __init__(self):
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(50)  # connections wait in the backlog; no greeting ever comes
        self.port = self._socket.getsockname()[1]

    def mailers(self, *, timeout: float) -> dict:
        options = {"host": "127.0.0.1", "port": self.port, "use_tls": False, "timeout": timeout}
        return {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": options,
            }
        }

    def close(self):
        self._socket.close()
