"""What the command-line tools share (cli), and what only they need: in-process runs of the suite for the mutation
and flake tools (runs), and when the main job's results stand in for the mutation run's unfaulted one (reference). The
pytest plugin never calls them."""
