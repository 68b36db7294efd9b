#!/usr/bin/env bash
# Drop-in harness: runs one offline check per downstream library, each in its own
# venv (the libraries' pins conflict, e.g. crewai and mem0 need incompatible
# chromadb/posthog, so one shared venv does not resolve).
#
#   compat/run.sh [--official | --ours REPO] [--only a,b] [--ci] [--lock] [--list]
#
#   --official   keep openai==2.38.0 from the lock (default)
#   --ours REPO  build REPO (our package) once as a wheel, and in every venv
#                uninstall the official openai and install ours with --no-deps
#   --only a,b   run only these libraries (names as in compat/requirements/*.in)
#   --ci         run only the CI subset (see CI_SUBSET below)
#   --lock       re-resolve compat/requirements/<lib>.txt from <lib>.in first
#   --list       print the library names and exit
#
# Venvs live in compat/.venvs/<lib> and are re-synced to the lock on every run
# (fast when uv's cache is warm), so switching between --official and --ours
# needs no cleanup. Exit status is non-zero if any check fails.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REQ="$HERE/requirements"
VENVS="${COMPAT_VENVS:-$HERE/.venvs}"
PYTHON="${COMPAT_PYTHON:-python3.11}"
# The CI subset (see INVENTORY.md, "Install cost and CI"): the libraries that
# reach furthest into private surface, at a fraction of the full install; it
# leaves out crewai, dspy (uses litellm), mem0 and llama-index.
CI_SUBSET="agents,autogen,instructor,langchain,litellm,openai_responses,pydantic_ai,semantic_kernel"

mode=official
ours=""
only=""
lock=0
while [ $# -gt 0 ]; do
  case "$1" in
    --official) mode=official ;;
    --ours) mode=ours; ours="$(cd "$2" && pwd)"; shift ;;
    --only) only="$2"; shift ;;
    --ci) only="$CI_SUBSET" ;;
    --lock) lock=1 ;;
    --list) for f in "$REQ"/*.in; do basename "$f" .in; done; exit 0 ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

libs=()
if [ -n "$only" ]; then
  IFS=, read -r -a libs <<<"$only"
else
  for f in "$REQ"/*.in; do libs+=("$(basename "$f" .in)"); done
fi
for lib in "${libs[@]}"; do
  [ -f "$REQ/$lib.in" ] || { echo "no such library: $lib (see --list)" >&2; exit 2; }
done

# uv resolves and installs these trees in seconds where pip takes minutes;
# bootstrap it with pip into a private venv when it is not on PATH.
mkdir -p "$VENVS"
UV="$(command -v uv || true)"
if [ -z "$UV" ]; then
  if [ ! -x "$VENVS/_tools/bin/uv" ]; then
    "$PYTHON" -m venv "$VENVS/_tools"
    "$VENVS/_tools/bin/pip" install -q uv
  fi
  UV="$VENVS/_tools/bin/uv"
fi

wheel=""
if [ "$mode" = ours ]; then
  wheeldir="$VENVS/_wheel"
  rm -rf "$wheeldir"
  "$UV" build --wheel --out-dir "$wheeldir" "$ours" >/dev/null
  wheel="$(ls "$wheeldir"/openai-*.whl)"
  echo "ours: $wheel"
fi

# Offline and quiet: checks/conftest.py sets the telemetry/offline switches of
# every library before any of them is imported, and refuses non-loopback sockets.

passed=0
failed=0
summary=()
for lib in "${libs[@]}"; do
  venv="$VENVS/$lib"
  if [ "$lock" = 1 ] || [ ! -f "$REQ/$lib.txt" ]; then
    "$UV" pip compile -q --python "$PYTHON" "$REQ/$lib.in" -o "$REQ/$lib.txt"
  fi
  start=$(date +%s)
  [ -x "$venv/bin/python" ] || "$UV" venv -q --python "$PYTHON" "$venv"
  "$UV" pip sync -q --python "$venv/bin/python" "$REQ/$lib.txt"
  if [ "$mode" = ours ]; then
    "$UV" pip uninstall -q --python "$venv/bin/python" openai
    "$UV" pip install -q --no-deps --python "$venv/bin/python" "$wheel"
  else
    # Ours also calls itself 2.38.0, so sync alone would keep it: force the official files back.
    "$UV" pip install -q --no-deps --reinstall-package openai --python "$venv/bin/python" \
      "$(grep -E '^openai==' "$REQ/$lib.txt")"
  fi
  secs=$(( $(date +%s) - start ))
  disk=$(du -sm "$venv" | cut -f1)
  echo "== $lib: installed in ${secs}s, ${disk} MB ($mode)"
  log="$VENVS/$lib.log"
  if (cd "$HERE/checks" && "$venv/bin/python" -m pytest -q -p no:cacheprovider \
        -c "$HERE/checks/pytest.ini" --rootdir "$HERE/checks" --confcutdir "$HERE/checks" "test_$lib.py") >"$log" 2>&1; then
    passed=$((passed + 1)); summary+=("PASS $lib")
  else
    failed=$((failed + 1)); summary+=("FAIL $lib (log: $log)")
  fi
  tail -n 1 "$log"
done

echo
printf '%s\n' "${summary[@]}"
echo "compat: $passed passed, $failed failed"
[ "$failed" = 0 ]
