from atctui.cli import main

raise SystemExit(main())
