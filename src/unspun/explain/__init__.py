"""What changed between an article sentence and its source, and what time it points at."""
