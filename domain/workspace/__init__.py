"""The agent's workspace: tags on tickets and canned responses."""
