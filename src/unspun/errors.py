"""Errors a user can act on: each carries a stable code and what to do next.

The CLI turns these into one clear message and an exit code; anything else that
escapes is a bug, not a user mistake.
"""

from __future__ import annotations


class UnspunError(Exception):
    """Base of every error meant for a user rather than a developer."""

    code = "unspun"
    exit_code = 1

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n  hint: {self.hint}" if self.hint else self.message


class InputError(UnspunError):
    """The input the user gave cannot be read as what was asked for."""

    code = "bad_input"
    exit_code = 2


class StoreError(UnspunError):
    """The index is missing, locked, or not one of ours."""

    code = "index"
    exit_code = 3


class FetchError(UnspunError):
    """A URL could not be fetched, or was refused for safety."""

    code = "fetch"
    exit_code = 4


class SettingsError(UnspunError):
    code = "settings"
    exit_code = 2
