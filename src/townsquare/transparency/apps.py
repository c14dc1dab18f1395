from django.apps import AppConfig


class TransparencyConfig(AppConfig):
    name = "townsquare.transparency"
    label = "transparency"
