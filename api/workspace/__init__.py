"""The agent's workspace: tags and canned responses."""
