"""Start-up: the data folder, the single instance, safe opening of the database, the window,
and the error log shared with the command line."""


class NoDataFolder(Exception):
    """No data folder was given and there is no home folder to keep one in; the message
    says what to do. (Here, not in start.py: the command line catches it without loading Qt.)"""
