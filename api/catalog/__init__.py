"""Reference data: support levels and their targets, departments, categories."""
