"""`python -m zkprules` runs the same command line as `zkprules`."""

from zkprules.cli import main

raise SystemExit(main())
