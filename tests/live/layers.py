"""The Redis channel layer as production configures it (settings/base.py), at another URL."""


def redis_layer(url: str, *, prefix: str = "asgi") -> dict:
    """The production layer's configuration (settings/base.py), pointed at `url`."""
    return {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [
                    {
                        "address": url,
                        "socket_timeout": None,
                        "socket_connect_timeout": 2,
                        "max_connections": 2000,
                    }
                ],
                "capacity": 1000,
                "expiry": 60,
                "prefix": prefix,
            },
        }
    }
