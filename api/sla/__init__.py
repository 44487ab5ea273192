"""Service levels: business calendars, targets, the SLA report and live SLA alerts."""
