from django.apps import AppConfig


class SlackConfig(AppConfig):
    name = "sunrelay.slack"
    label = "slack"
    verbose_name = "Slack"

    def ready(self):
        from sunrelay.lib import worker
        from sunrelay.slack import direct_messages, intake, listeners, outgoing  # noqa: F401

        worker.register("slack.process_events", intake.process_one)
        worker.register("slack.send_calls", outgoing.send_one)
