#!/usr/bin/env node
// The `sdp-review` command: runs cli/main.ts through tsx's loader, so the CLI is the TypeScript
// source itself, with no separate build step to fall out of date.
import { register } from 'tsx/esm/api';

register();
const { runCli, exitAfterFlush } = await import('../cli/main.ts');
exitAfterFlush(await runCli(process.argv));
