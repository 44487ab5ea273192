"""The composition root: the command line and the process runtime (API, workers, scheduler)."""
