#!/bin/bash
# Runs the eval suite as a Slurm job array of 3 shards, then merges them in a job that waits for all of them:
#   jobid=$(sbatch --parsable examples/batch/slurm-array.sh)
#   sbatch --dependency=afterok:"$jobid" examples/batch/slurm-merge.sh
# Submit from the suite's folder (the one with the .prog files and informal.config.ts); informal is installed
# there (`npm ci`). Each task takes its shard from SLURM_ARRAY_TASK_ID: `--shard auto/3` turns task 0, 1, 2
# into shard 1/3, 2/3, 3/3. Keep `--array=0-2` and `auto/3` in step: an array that reaches past task 2 is refused.
# A failed task can be run again alone, keeping its shard: sbatch --array=1 examples/batch/slurm-array.sh
#SBATCH --job-name=informal-shards
#SBATCH --array=0-2
#SBATCH --cpus-per-task=2
#SBATCH --time=02:00:00
#SBATCH --output=informal-shard-%a.log
set -u

# The stores come back through the shared file system: RESULTS must be a folder every node sees.
RESULTS="${RESULTS:-$PWD/informal-results}"
# Each task writes its store on the node's own disk (SQLite's write-ahead log wants a local file system)
# and copies it to RESULTS when it ends.
SCRATCH="${SCRATCH:-${TMPDIR:-/tmp}}"
mkdir -p "$RESULTS" "$SCRATCH"
store="$SCRATCH/shard-$SLURM_ARRAY_TASK_ID.sqlite"

status=0
npx informal test --shard auto/3 --store "$store" || status=$?
cp "$store"* "$RESULTS/"
exit "$status"
