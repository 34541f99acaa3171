try:
    from dvlint.cli.main import main
except KeyboardInterrupt:  # Ctrl-C while starting up: end quietly, as later
    raise SystemExit(130) from None

raise SystemExit(main())
