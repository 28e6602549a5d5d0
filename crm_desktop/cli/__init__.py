"""The ``crm`` command: the same services as the GUI, for scripts and batch jobs."""
