from pic.cli import main

main()
