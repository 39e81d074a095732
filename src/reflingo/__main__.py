"""Allow ``python -m reflingo``."""

import sys

from reflingo.cli import main

sys.exit(main())
