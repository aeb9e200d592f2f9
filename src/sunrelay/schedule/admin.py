from sunrelay.schedule.rotations import admin as rotations_admin  # noqa: F401 - registers them
