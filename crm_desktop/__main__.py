"""``python -m crm_desktop`` is the same as the ``crm`` command."""

import multiprocessing

from crm_desktop.cli.main import main

if __name__ == "__main__":
    # Before anything else: in a frozen build this process may be a spawned worker, not a command.
    multiprocessing.freeze_support()
    raise SystemExit(main())
