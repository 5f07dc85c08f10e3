"""Scoring candidate sources against an article sentence and deciding the verdict."""
