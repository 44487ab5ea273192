"""The knowledge base: articles, their search, suggestions before a ticket, announcements."""
