"""Automation: webhooks, their deliveries, and the desk's automation settings."""
