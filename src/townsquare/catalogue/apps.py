from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "townsquare.catalogue"
    label = "catalogue"

    def ready(self) -> None:
        from . import search_source

        search_source.register()
