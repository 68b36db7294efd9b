"""Stream helpers (chat completions, responses, assistants).

Kept empty of imports: the helpers load their own dependencies, so importing one
of them (or this package) pulls in nothing else.
"""
