from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "townsquare.core"
    label = "core"

    def ready(self) -> None:
        from . import access_cache

        access_cache.connect_signals()
