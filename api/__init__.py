"""Mesa's GraphQL API: Strawberry schema on Starlette. Parses input, calls the domain, maps
results; no business rule lives here."""
