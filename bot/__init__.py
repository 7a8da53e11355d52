"""The composition root: settings, wiring and the `stash` command line."""
