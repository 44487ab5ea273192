"""Attachments: files on tickets and their messages."""
