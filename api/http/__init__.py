"""The HTTP and WebSocket transport: the ASGI app, GraphQL over HTTP, limits on bodies and
uploads, downloads, metrics. The only part of api/ that knows about HTTP."""
