"""Paper: the progress report, the home-programme handout and the drill figures, laid out
and painted for a printer or a PDF file.

Shared by the window and the command line, so it imports no widgets (QtGui and QtCore only).
"""
