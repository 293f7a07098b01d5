"""Websocket routes, gathered from each installed add-on's `routing.websocket_urlpatterns`."""

from importlib import import_module

from django.apps import apps


def _collect():
    patterns = []
    for config in apps.get_app_configs():
        if config.name == "portal":
            continue
        try:
            module = import_module(f"{config.name}.routing")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.routing":
                raise
            continue
        patterns.extend(getattr(module, "websocket_urlpatterns", []))
    return patterns


websocket_urlpatterns = _collect()
