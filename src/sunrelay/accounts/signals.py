"""Signals of accounts for the apps above it (they listen; accounts calls none of them).

team_changed: sent by accounts.services inside the transaction, after an account's AE or CE
  was first set or changed. Receivers get `account` (the saved row), `actor`, `reason` (words,
  may be empty) and `at`. Customer engineering keeps the team's history from it.
"""

from django.dispatch import Signal

team_changed = Signal()
