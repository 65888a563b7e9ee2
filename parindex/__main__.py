"""``python -m parindex``: see :mod:`parindex.cli`."""

import sys

from parindex.cli import main

sys.exit(main())
