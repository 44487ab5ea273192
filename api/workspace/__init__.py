"""The agent's workspace: ticket views, tags and canned responses."""
