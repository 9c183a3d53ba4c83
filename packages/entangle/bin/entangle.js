#!/usr/bin/env node
// The installed `entangle` command: runs the compiled CLI (build first: scripts/build).
import { main } from '../dist/src/cli/main.js';

process.exit(await main(process.argv));
