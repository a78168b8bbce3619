#!/usr/bin/env node
// Runs the TypeScript CLI in this process through tsx's loader (the server has no separate build step).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
