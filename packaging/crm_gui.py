"""Frozen entry point of ``crm-desktop`` (PyInstaller script; windowed on Windows)."""

from crm_desktop.gui.app import main

raise SystemExit(main())
