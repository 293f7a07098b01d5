"""Which local services the test run can use. `python -m tests.services database-url` prints the
PostgreSQL URL when a server answers on 127.0.0.1:5432, and nothing otherwise (SQLite is then used).
"""

import os
import socket
import sys

POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/portal"
REDIS_URL = "redis://127.0.0.1:6379/9"


def reachable(host: str, port: int, timeout: float = 1.0) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def services_required() -> bool:
    """In CI every service must be there: a missing one fails the run instead of skipping tests."""
    return os.environ.get("CI", "").lower() == "true" or os.environ.get("REQUIRE_SERVICES") == "1"


if __name__ == "__main__":
    if sys.argv[1:] == ["database-url"] and reachable("127.0.0.1", 5432):
        print(POSTGRES_URL)
