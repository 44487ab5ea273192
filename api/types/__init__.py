"""GraphQL object types, built from domain models with `from_model`."""
