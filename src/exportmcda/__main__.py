"""``python -m exportmcda`` runs the command-line interface."""

from exportmcda.cli import main

raise SystemExit(main())
