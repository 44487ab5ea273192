"""Mesa's business rules and models. Knows nothing of GraphQL, HTTP or the broker."""
