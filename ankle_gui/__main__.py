import sys

from ankle_gui.cli.main import main

sys.exit(main())
