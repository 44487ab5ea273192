"""The agent's workspace: ticket views, tags on tickets and canned responses."""
