"""Start-up: the data folder, the single instance, safe opening of the database, the window,
and the error log shared with the command line."""
