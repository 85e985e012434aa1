from bocompile.cli import main

main()
