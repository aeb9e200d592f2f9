from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "sunrelay.search"
    label = "search"
    verbose_name = "Search"

    def ready(self):
        from sunrelay.lib import worker
        from sunrelay.search import documents, listeners  # noqa: F401 - connects receivers

        worker.register("search.refresh", documents.refresh_some)
