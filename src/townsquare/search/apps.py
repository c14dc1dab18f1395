from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "townsquare.search"
    label = "search"
