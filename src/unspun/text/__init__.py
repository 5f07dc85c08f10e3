"""Text handling: one normalized text per document, and everything cut from it."""
