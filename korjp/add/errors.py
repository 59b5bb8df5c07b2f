"""What `korjp add` says when it cannot add: one line that names the file and what to do."""

from __future__ import annotations

SLUG_LIMIT = 60
NOTHING = "nothing was added"


class AddError(Exception):
    """A problem the user can fix; the message names the file and what to do."""
