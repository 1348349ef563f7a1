#!/usr/bin/env node
// The command line is TypeScript; tsx compiles it in-process so a checkout runs without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../harness/cli/main.ts');
