"""The ticket API: tickets, their threads and events, the mutations that change them, and their
live events."""
