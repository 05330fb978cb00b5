"""`python -m atctui.loading [FILE]`: compile the bundled dataset (or FILE) into the
records it opens from (bundled.py); run it after editing data/meetings.toml."""

import sys

from atctui.loading.bundled import main

sys.exit(main())
