import sys

from ankle_gui.cli import main

sys.exit(main())
