"""Shared GraphQL plumbing: context, ids, cursors, enums, error mapping, dataloaders, limits,
live delivery and the schema's extensions."""
