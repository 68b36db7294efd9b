# The tests under official/ run in a separate venv that has the official `openai`
# package from PyPI (see test_official_client.py); never collect them here.
collect_ignore = ["official"]
