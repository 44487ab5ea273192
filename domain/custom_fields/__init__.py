"""Custom fields: typed ticket fields per department or category, their values and filters."""
