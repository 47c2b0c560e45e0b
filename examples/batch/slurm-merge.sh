#!/bin/bash
# Merges the shards slurm-array.sh left in RESULTS and reports the whole suite from the merged store: it draws
# nothing new and judges every expectation, as an unsharded run would (exit 1 when one fails).
# Submit it to start once every task of the array has succeeded:
#   sbatch --dependency=afterok:"$jobid" examples/batch/slurm-merge.sh
#SBATCH --job-name=informal-merge
#SBATCH --time=00:30:00
#SBATCH --output=informal-merge.log
set -eu

RESULTS="${RESULTS:-$PWD/informal-results}"
npx informal merge "$RESULTS"/shard-*.sqlite --into "$RESULTS/merged.sqlite" --complete
npx informal test --store "$RESULTS/merged.sqlite" \
  --reporter console \
  --reporter json --output-file "json=$RESULTS/report.json" \
  --reporter junit --output-file "junit=$RESULTS/junit.xml" \
  --reporter html --output-file "html=$RESULTS/report.html"
