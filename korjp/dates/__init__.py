"""Dates: datelines, dated expressions and their values, the article's own date and year.

`patterns.scan` finds expressions without an anchor, so `years` can weigh weekday and
anniversary cues before the article's year is known; `resolve.resolve` then turns each
into a DateValue against the article's date; `tense` says which way a bare weekday or
month points.
"""
