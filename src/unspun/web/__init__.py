"""`unspun serve`: the trace report in a browser, and the same JSON over HTTP.

A thin shell over :class:`unspun.Index` and the one report serializer; see
:func:`unspun.web.app.create_app`.
"""

from __future__ import annotations
