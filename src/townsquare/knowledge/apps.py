from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "townsquare.knowledge"
    label = "knowledge"
    verbose_name = "Knowledge"

    def ready(self) -> None:
        # Each area registers who may view, comment on and vote for its content.
        from . import rules

        rules.register()
        # Questions, guides, communities and data requests in the one search.
        from . import signals_search

        signals_search.register()
