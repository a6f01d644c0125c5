#!/usr/bin/env node
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { loadBundle } = require('./load-bundle.cjs');
const { main } = loadBundle(require.resolve('../dist/main.cjs')).exports;

process.exitCode = await main(process.argv);
