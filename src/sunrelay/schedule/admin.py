from sunrelay.schedule import rotation_admin  # noqa: F401 - registers the rotation models
