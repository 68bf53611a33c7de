from refs.cli.main import main

main()
