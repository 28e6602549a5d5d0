"""The import wizard: pick a file, preview it, check it, import it with progress and cancel."""
