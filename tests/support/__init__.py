"""Helpers shared by several test folders (a loopback HTTP server that misbehaves on request)."""
