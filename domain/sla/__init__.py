"""Service-level targets: business calendars and deadlines."""
