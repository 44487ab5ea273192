"""Getting in: logins, guest passes, passwords and the viewer behind a token."""
