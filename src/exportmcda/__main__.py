"""``python -m exportmcda`` runs the command-line interface."""

from exportmcda.cli.main import main

raise SystemExit(main())
