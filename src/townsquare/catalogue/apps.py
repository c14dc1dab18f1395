from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "townsquare.catalogue"
    label = "catalogue"
