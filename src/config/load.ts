/** Finds, reads and validates contentgov.config.json; everything after this sees a valid Config. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { configSchema, type Config } from '../schema/config.js';
import { buildDocumentSchema, type DocumentSchema } from '../schema/document.js';
import { RULES_BY_ID } from '../rules/index.js';
import { ConfigError } from '../errors.js';

export const CONFIG_FILE_NAME = 'contentgov.config.json';

export interface Project {
  /** The discovered config's folder, else the working directory; findings, root and ignore globs are relative to it. */
  projectRoot: string;
  contentRoot: string;
  configFile?: string;
  config: Config;
  schema: DocumentSchema;
  /** sha256 of the config in force, so a report says which rules judged it. */
  configHash: string;
}

export function findConfigFile(startDirectory: string): string | undefined {
  for (let directory = path.resolve(startDirectory); ; directory = path.dirname(directory)) {
    const candidate = path.join(directory, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(directory) === directory) return undefined;
  }
}

export function loadProject(options: { cwd: string; configFile?: string }): Project {
  const configFile = options.configFile ? path.resolve(options.cwd, options.configFile) : findConfigFile(options.cwd);
  const raw = configFile ? readConfigJson(configFile) : {};
  const parsed = configSchema.safeParse(raw);
  const label = configFile ? path.relative(options.cwd, configFile) || CONFIG_FILE_NAME : CONFIG_FILE_NAME;
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key].join('.')).join(', ') : issue.path.join('.');
    const reason = issue.code === 'unrecognized_keys' ? 'unknown key' : issue.message;
    throw new ConfigError(`${label}: ${keys || '(top level)'}: ${reason}`);
  }
  const config = parsed.data;
  for (const ruleId of Object.keys(config.rules)) {
    if (!RULES_BY_ID.has(ruleId)) throw new ConfigError(`${label}: rules.${ruleId}: no such rule (see contentgov explain --list)`);
  }
  let schema: DocumentSchema;
  try {
    schema = buildDocumentSchema(config);
  } catch (error) {
    throw new ConfigError(`${label}: ${(error as Error).message}`);
  }
  // A discovered config anchors the project at its folder; an explicit --config, like ESLint's,
  // leaves the project at the working directory.
  const projectRoot = configFile && !options.configFile ? path.dirname(configFile) : path.resolve(options.cwd);
  return {
    projectRoot,
    contentRoot: path.resolve(projectRoot, config.root),
    ...(configFile ? { configFile } : {}),
    config,
    schema,
    configHash: createHash('sha256').update(stableStringify(config)).digest('hex'),
  };
}

function readConfigJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${path.basename(file)} is not valid JSON: ${(error as Error).message}`);
  }
}

/** JSON with sorted keys, so the hash does not depend on key order. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableStringify((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
