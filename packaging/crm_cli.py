"""Frozen entry point of ``crm`` (PyInstaller script; the installed console script calls the same main)."""

from crm_desktop.cli.main import main

raise SystemExit(main())
