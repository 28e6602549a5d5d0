"""Start the desktop client: ``python main.py [--db URL] [--demo] [--lang zh_CN|en]``."""

from crm_desktop.gui.app import main

if __name__ == "__main__":
    raise SystemExit(main())
