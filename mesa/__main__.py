"""`python -m mesa`, the same as the `mesa` script."""

from mesa.cli import app

app(prog_name="mesa")
