"""Subcommands of the ``warta`` command line."""
