"""Customer satisfaction: rating links on resolution, the answers, and the report."""
