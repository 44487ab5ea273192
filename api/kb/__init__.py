"""Knowledge base and announcements: articles, search, votes, suggestions, documentation."""
