#!/usr/bin/env node
// The installed `entangle-worker` command: a BullMQ worker that runs entangle jobs (docs/distributed.md).
import '../dist/src/runtime/distributed/worker-main.js';
