"""Customer satisfaction: rating a resolved ticket, and the supervisors' report."""
