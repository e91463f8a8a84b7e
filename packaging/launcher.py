"""The frozen app's entry point (see ankle_gui.spec): the installed package's command line.

It lives here, not in the source tree, so that PyInstaller analyses the installed package."""

import sys

from ankle_gui.app.entry import main

sys.exit(main())
