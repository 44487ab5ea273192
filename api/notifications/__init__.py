"""Notifications to people: the ones whose delivery failed."""
