"""Run the command line as ``python -m layout``."""

from layout.cli import main

raise SystemExit(main())
