from django.apps import AppConfig


class ScheduleConfig(AppConfig):
    name = "sunrelay.schedule"
    label = "schedule"
    verbose_name = "Shifts and follow-the-sun"

    def ready(self):
        from sunrelay.lib import worker
        from sunrelay.schedule import drains

        worker.register("schedule.route_unassigned", drains.route_one_unassigned, every=30)
        worker.register("schedule.hand_off", drains.hand_off_ending_shifts, every=60)
        worker.register("schedule.apply_time_off", drains.apply_one_time_off, every=60)
