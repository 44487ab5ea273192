"""The ticket aggregate: lifecycle, actions and queries."""
