from django.apps import AppConfig


class TransparencyConfig(AppConfig):
    name = "townsquare.transparency"
    label = "transparency"

    def ready(self) -> None:
        from . import schemas

        # `townsquare import --schema spend FILE` checks the file as an upload would.
        schemas.register_all()
