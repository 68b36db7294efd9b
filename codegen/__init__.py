"""Our generator: the OpenAPI spec plus ``codegen/config`` -> ``src/openai/types/**``.

Run it from the repository root with ``python -m codegen``. The pipeline is:

- ``spec``: load the spec, resolve ``$ref`` and JSON pointers;
- ``config``: the per-area YAML files naming each public type, its module and schema;
- ``lower``: spec schemas -> the IR of Python types (``ir``), with nested names from ``naming``;
- ``emit_types`` / ``emit_init``: IR -> module source text;
- ``writer``: ruff format, write only what changed, remove stale generated files.

``operations`` exposes the request parameters of each operation for the resource emitter.
"""
