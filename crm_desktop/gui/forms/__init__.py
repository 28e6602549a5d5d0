"""Python classes compiled from ui/*.ui by pyside6-uic (python -m crm_desktop.gui.build_forms)."""
