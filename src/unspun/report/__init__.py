"""The one serializer of reports, and the renderers built on it."""
