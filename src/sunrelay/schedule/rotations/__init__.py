"""Rotations: who is on call, layer by layer, with overrides and calendar feeds.

- `resolve`: the pure rotation logic (no Django): layers, restrictions and overrides to shifts.
- `models`: rotations as stored; `sunrelay.schedule.models` imports them so they belong to
  the `schedule` app (app label and migrations unchanged).
- `pages`, `views`, `forms`, `urls`, `admin`: the rotation pages and the admin.

Nothing is imported here, so `resolve` stays importable without Django.
"""
