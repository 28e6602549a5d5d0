"""``python -m crm_desktop`` is the same as the ``crm`` command."""

from crm_desktop.cli.main import main

raise SystemExit(main())
