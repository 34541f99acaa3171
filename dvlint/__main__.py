from dvlint.cli import main

raise SystemExit(main())
