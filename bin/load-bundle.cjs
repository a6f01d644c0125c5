/**
 * Loads a CommonJS bundle of dist/ with the V8 code cache that `npm run build` saved beside it
 * (scripts/build.mjs): the bytecode of the functions a lint runs is read, not compiled again,
 * which a short run otherwise spends a good part of its time on. V8 refuses a cache made by
 * another V8 version, under other V8 flags or for a bundle of another length; that only costs
 * the compiling it would have saved.
 */
'use strict';
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

/** The bundle's exports, and its script (for scripts/build.mjs to save the cache from). */
function loadBundle(file) {
  const script = compileBundle(file);
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
  return { exports: module.exports, script };
}

/** The bundle as a function of CommonJS's five arguments, from its code cache where V8 takes it. */
function compileBundle(file) {
  const source = readFileSync(file, 'utf8');
  let cachedData;
  try {
    cachedData = readFileSync(`${file}.cache`);
  } catch {
    // No cache (a build without one): compiled from the source.
  }
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  return new vm.Script(wrapped, { filename: file, ...(cachedData ? { cachedData } : {}) });
}

module.exports = { compileBundle, loadBundle };
