"""Custom fields: the typed ticket fields administrators define and tickets carry."""
