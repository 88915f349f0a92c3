"""The one-page briefing of a decision record: content, HTML page, PDF (issue 12, part 4)."""
