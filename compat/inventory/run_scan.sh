#!/usr/bin/env bash
# Scan each library venv made by ../run.sh (official openai installed) and merge
# the results into ../inventory.json. Raw per-library scans go to ../.venvs/inventory-raw/.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENVS="${COMPAT_VENVS:-$HERE/../.venvs}"
RAW="$VENVS/inventory-raw"
mkdir -p "$RAW"
# library key -> its own distribution(s) (the primary sources)
declare -A DISTS=(
  [agents]=openai-agents [langchain]=langchain-openai [instructor]=instructor [litellm]=litellm
  [pydantic_ai]=pydantic-ai-slim [llama_index]=llama-index-llms-openai [semantic_kernel]=semantic-kernel
  [autogen]=autogen-ext [crewai]=crewai [dspy]=dspy [mem0]=mem0ai [openai_responses]=openai-responses
)
all_dists=$(IFS=,; echo "${DISTS[*]}")
for lib in "${!DISTS[@]}"; do
  py="$VENVS/$lib/bin/python"
  [ -x "$py" ] || { echo "skip $lib: no venv (run ../run.sh --only $lib first)"; continue; }
  "$py" "$HERE/scan.py" --lib "$lib" --dist "${DISTS[$lib]}" --skip "$all_dists" --out "$RAW/$lib.json"
  echo "scanned $lib"
done
# build.py resolves chains against the official package, so run it in a library venv.
"$VENVS/agents/bin/python" "$HERE/build.py" "$RAW" "$HERE/../inventory.json"
