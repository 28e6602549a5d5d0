"""Files and pictures made from the use cases' plain results: charts, PDF and Excel exports.

A presentation layer like the views and the CLI: it sits above the services, which keep the permission checks,
the reads and the audit, and hand over plain result objects (dataclasses, DataFrames) to draw or write.
"""
