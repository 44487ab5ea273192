"""Automation: what the desk does by itself when tickets change (webhooks to other systems)."""
