"""Exports of the timeline and quotes to other tools: TimelineJS, iCalendar, CSV, JSON Lines, SQLite.

`korjp.export.formats.export` is the one entry point; the other modules are its parts.
"""
