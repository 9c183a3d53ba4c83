#!/usr/bin/env bash
# TypeScript (@entangle/torch) vs PyTorch on the same training workloads; see docs/benchmarks.md.
# Usage: bench/torch-vs-pytorch/run.sh [--threads 2] [--rounds 3] [--workloads mlp,convnet,resnet18]
# Needs a built repository (scripts/build). Timing only: never part of the test suite.
set -euo pipefail
cd "$(dirname "$0")"
if ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  echo "python3-torch is missing; installing it with apt-get" >&2
  apt-get install -y python3-torch >&2
fi
if [ ! -f ../../packages/torch/dist/src/index.js ]; then
  echo "packages/torch is not built; run scripts/build first" >&2
  exit 1
fi
../../node_modules/.bin/tsc -p tsconfig.json
export GOMP_SPINCOUNT=1000
node dist/compare.js "$@"
