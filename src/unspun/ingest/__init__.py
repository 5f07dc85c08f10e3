"""Readers that turn files, records and pages into Documents and Articles."""
