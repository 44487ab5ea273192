"""Background work: the dramatiq broker, the outbox relay, actors and periodic jobs."""
