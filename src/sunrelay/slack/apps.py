from django.apps import AppConfig


class SlackConfig(AppConfig):
    name = "sunrelay.slack"
    label = "slack"
    verbose_name = "Slack"

    def ready(self):
        from sunrelay.lib import worker
        from sunrelay.slack import (  # noqa: F401 - imported for their receivers
            direct_messages,
            intake,
            listeners,
            outgoing,
            strategic,
            weekly,
        )

        strategic.register()  # a shared channel makes its account strategic (success)
        weekly.register()  # team channel questions in the weekly review (reports)

        worker.register("slack.process_events", intake.process_one)
        worker.register("slack.send_calls", outgoing.send_one)
