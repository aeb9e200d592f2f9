"""Customer engineering: account teams (AE/CE pairing, capacity), the support context and
support request forms, and the customer engineer's account page (docs/success.md)."""
