from korjp.cli import main

main()
