/**
 * The npm package as a user gets it: `npm pack`, installed into a fresh project with no network (the only
 * dependency, yaml, is packed from node_modules beside it), then `contentgov init` and `contentgov lint`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/project.js';

/** Bare imports in the bundle that need no dependency: js-yaml (inside gray-matter) tries require('esprima') and does without. */
const OPTIONAL_IMPORTS = new Set(['esprima']);

let work: string;
let packed: { filename: string; files: { path: string }[] };
const npmEnv = (): NodeJS.ProcessEnv => ({
  // Not the settings of the `npm test` that runs this, and a cache of its own; an unreachable registry proves offline.
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_'))),
  npm_config_cache: path.join(work, 'npm-cache'),
  npm_config_registry: 'http://127.0.0.1:9/',
  npm_config_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
});
const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, env: npmEnv(), encoding: 'utf8' });

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'contentgov-package-'));
  // npm test has just built dist/: no prepack build again.
  [packed] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work], REPO_ROOT));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the npm package', () => {
  it('holds the bundle, the schemas, README and LICENSE; no source maps, sources or tests', () => {
    const files = packed.files.map((file) => file.path).sort();
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'bin/contentgov.js', 'bin/load-bundle.cjs', 'dist/main.cjs', 'dist/main.cjs.cache', 'schemas/contentgov.config.schema.json', 'schemas/report.schema.json']));
    expect(files.filter((file) => !/^(?:LICENSE|README\.md|package\.json|bin\/contentgov\.js|bin\/load-bundle\.cjs|dist\/[\w-]+\.c?js(?:\.cache)?|schemas\/[\w.-]+\.json)$/.test(file))).toEqual([]);
    const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    expect(readFileSync(path.join(REPO_ROOT, 'LICENSE'), 'utf8')).toMatch(new RegExp(`^${manifest.license} License\\n`));
    // Install scripts make npm warn (and npm 12 refuse to run them); the build runs on pack, not on install.
    expect(Object.keys(manifest.scripts).filter((name) => /^(?:pre|post)?(?:install|prepare)$/.test(name) && name !== 'postprepare')).toEqual([]);
  });

  it('declares as dependencies exactly what the bundle imports and does not contain', () => {
    const bundleImports = new Set<string>();
    for (const file of readdirSync(path.join(REPO_ROOT, 'dist')).filter((name) => /\.c?js$/.test(name))) {
      const code = readFileSync(path.join(REPO_ROOT, 'dist', file), 'utf8');
      for (const [, specifier] of code.matchAll(/(?:\bfrom |\bimport\(|require\()["'](@?[a-z0-9][\w.-]*(?:\/[\w.-]+)*)["']/g)) {
        const packageName = specifier!.startsWith('@') ? specifier!.split('/').slice(0, 2).join('/') : specifier!.split('/')[0]!;
        if (!packageName.startsWith('node:') && !builtinModules.includes(packageName) && !OPTIONAL_IMPORTS.has(packageName)) bundleImports.add(packageName);
      }
    }
    const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    expect(Object.keys(manifest.dependencies ?? {}).sort()).toEqual([...bundleImports].sort());
  });

  it('installs offline into a fresh project, where init then lint pass', () => {
    const project = path.join(work, 'project');
    mkdirSync(project);
    writeFileSync(path.join(project, 'package.json'), '{ "name": "fresh-project", "private": true }\n');
    const [yaml] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work, path.join(REPO_ROOT, 'node_modules/yaml')], work));
    const install = spawnSync('npm', ['install', path.join(work, packed.filename), path.join(work, yaml.filename)], { cwd: project, env: npmEnv(), encoding: 'utf8' });
    expect(install.stderr).not.toMatch(/warn/i);
    expect(install.status).toBe(0);
    expect(readdirSync(path.join(project, 'node_modules')).sort()).toEqual(['.bin', '.package-lock.json', 'contentgov', 'yaml']);
    const contentgov = (args: string[]) => spawnSync(path.join(project, 'node_modules/.bin/contentgov'), args, { cwd: project, encoding: 'utf8' });
    expect(contentgov(['init'])).toMatchObject({ status: 0, stderr: '' });
    expect(contentgov(['lint'])).toMatchObject({ status: 0, stdout: expect.stringContaining('1 document checked'), stderr: '' });
    expect(readFileSync(path.join(project, 'contentgov.config.json'), 'utf8')).toContain('"$schema": "./node_modules/contentgov/schemas/contentgov.config.schema.json"');
    expect(readFileSync(path.join(project, 'node_modules/contentgov/schemas/contentgov.config.schema.json'), 'utf8')).toContain('"$schema"');
    // A code cache V8 refuses (another Node, a damaged file) costs only time: the same output.
    const installed = path.join(project, 'node_modules/contentgov');
    expect(codeCacheRejected(installed)).toBe(false);
    const lint = contentgov(['lint', '--format', 'json', '--as-of', '2026-01-15']);
    writeFileSync(path.join(installed, 'dist/main.cjs.cache'), 'not a code cache');
    expect(codeCacheRejected(installed)).toBe(true);
    expect(contentgov(['lint', '--format', 'json', '--as-of', '2026-01-15'])).toMatchObject({ status: lint.status, stdout: lint.stdout, stderr: '' });
  });
});

/** Whether V8 refuses the bundle's code cache, loaded as the CLI loads it. */
function codeCacheRejected(packageRoot: string): boolean {
  const { compileBundle } = createRequire(import.meta.url)(path.join(packageRoot, 'bin/load-bundle.cjs')) as { compileBundle(file: string): { cachedDataRejected?: boolean } };
  return compileBundle(path.join(packageRoot, 'dist/main.cjs')).cachedDataRejected === true;
}
