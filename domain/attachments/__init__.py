"""Attachments: quarantine, type checks, safe names, content-addressed storage."""
