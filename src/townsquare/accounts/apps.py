from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "townsquare.accounts"
    label = "accounts"

    def ready(self) -> None:
        from . import search_source

        search_source.register()
