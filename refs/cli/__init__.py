"""The command line: a thin layer turning options into library calls and reports
into terminal output and exit statuses (see :mod:`refs.cli.common`)."""
