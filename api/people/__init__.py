"""Customers, their services, and staff."""
