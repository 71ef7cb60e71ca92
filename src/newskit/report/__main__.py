"""``python -m newskit.report compare FIRST/manifest.json SECOND/manifest.json``."""

from newskit.report.manifest import main

raise SystemExit(main())
