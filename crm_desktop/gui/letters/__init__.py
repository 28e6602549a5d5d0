"""Letters area of the desktop client: the generate dialog (from the client 360° view) and batches."""
