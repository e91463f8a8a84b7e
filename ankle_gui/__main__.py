import sys

from ankle_gui.app.entry import main

sys.exit(main())
