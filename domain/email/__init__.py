"""Email: parsing, threading and loop rules for mail in; rendering and transport for mail out."""
