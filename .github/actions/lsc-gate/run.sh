#!/usr/bin/env bash
# Runs lsc against the target, writes the Markdown results to the job summary, and hands the exit
# code to the next step (the report is uploaded whatever it is). Inputs come as environment:
#   LSC_GATE_TARGET, LSC_GATE_ENDPOINTS, LSC_GATE_EXPECTATIONS, LSC_GATE_ARGS, LSC_GATE_REPORT
set -uo pipefail
report="${LSC_GATE_REPORT:-lsc-report}"
args=(run --report "$report")
args+=(--target "${LSC_GATE_TARGET:-reference}")
[ -n "${LSC_GATE_ENDPOINTS:-}" ] && args+=(--endpoints "$LSC_GATE_ENDPOINTS")
[ -n "${LSC_GATE_EXPECTATIONS:-}" ] && args+=(--expectations "$LSC_GATE_EXPECTATIONS")
# Extra arguments are split as a shell would split them, quotes included.
eval "extra=(${LSC_GATE_ARGS:-})"
npx lsc "${args[@]}" "${extra[@]}"
code=$?
if [ -f "$report/report.json" ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  npx lsc report markdown "$report" >> "$GITHUB_STEP_SUMMARY"
fi
echo "exit-code=$code" >> "${GITHUB_OUTPUT:-/dev/null}"
exit 0
