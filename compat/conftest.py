"""Keep the repo's main pytest run out of the drop-in checks.

The checks in ``checks/`` import the downstream libraries, which live only in
the per-library venvs that ``compat/run.sh`` builds; ``run.sh`` runs pytest
with ``checks/`` as its rootdir and conftest cut-off, so this file is not
loaded there.
"""

collect_ignore = ["checks", "inventory", "fake_server.py"]
