from django.apps import AppConfig


class ScheduleConfig(AppConfig):
    name = "sunrelay.schedule"
    label = "schedule"
    verbose_name = "Shifts and follow-the-sun"

    def ready(self):
        from sunrelay.desk.signals import ticket_changed
        from sunrelay.lib import worker
        from sunrelay.schedule import drains, holds

        ticket_changed.connect(holds.on_ticket_changed, dispatch_uid="schedule.holds")
        worker.register("schedule.route_unassigned", drains.route_one_unassigned, every=30)
        # Hand-backs first: a ticket whose owner is back is not handed on by the same round.
        worker.register("schedule.hand_back", drains.hand_back, every=60)
        worker.register("schedule.hand_off", drains.hand_off_ending_shifts, every=60)
        worker.register("schedule.apply_time_off", drains.apply_one_time_off, every=60)
