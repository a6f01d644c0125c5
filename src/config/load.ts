/** Finds, reads and validates contentgov.config.json; everything after this sees a valid Config. */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { describeJsonError } from '../corpus/json.js';
import { isInside, lstatSafe, readRegularFile, safeRealpath, toProjectPath } from '../corpus/root.js';
import { configSchema, type Config } from '../schema/config.js';
import { buildDocumentSchema, type DocumentSchema } from '../schema/document.js';
import { DEFAULT_FREQUENCIES, resolveFrequency } from '../review/duration.js';
import { ConfigError } from '../errors.js';
import { applyOverrides, checkOverrideFields, fieldLayers, settingsResolver, type DocumentSettings } from './overrides.js';

export const CONFIG_FILE_NAME = 'contentgov.config.json';

export interface Project {
  /** The config file's folder (else the working directory): root, ignore, overrides and every other config path are relative to it, and so are findings. */
  projectRoot: string;
  contentRoot: string;
  configFile?: string;
  /** The config as written, before any override. */
  config: Config;
  /** The schema of a document no override matches. */
  schema: DocumentSchema;
  /** The config and schema in force for one document (project path), overrides applied. */
  settingsFor(file: string): DocumentSettings;
  /** sha256 of the config file's bytes, as `sha256sum` prints it; with no config file, of no bytes (e3b0c442…). */
  configHash: string;
}

/** Far above any real config: a larger file (or an endless one) is not read. */
const MAX_CONFIG_BYTES = 1024 * 1024;

export function findConfigFile(startDirectory: string): string | undefined {
  for (let directory = path.resolve(startDirectory); ; directory = path.dirname(directory)) {
    const candidate = path.join(directory, CONFIG_FILE_NAME);
    // Anything under the name stops the search, a broken link too: it is refused, never skipped for a config further up.
    if (lstatSafe(candidate)) return candidate;
    if (path.dirname(directory) === directory) return undefined;
  }
}

/**
 * `ruleIds`: the rules a config may name (the rule registry's, passed in by the front-ends: the
 * config knows no rule).
 */
export function loadProject(options: { cwd: string; configFile?: string; ruleIds: ReadonlySet<string> }): Project {
  const configFile = options.configFile ? path.resolve(options.cwd, options.configFile) : findConfigFile(options.cwd);
  const label = configFile ? path.relative(options.cwd, configFile) || CONFIG_FILE_NAME : CONFIG_FILE_NAME;
  const bytes = configFile ? readConfigBytes(configFile, label, { named: options.configFile !== undefined }) : Buffer.alloc(0);
  const raw = configFile ? parseConfigJson(bytes, label) : {};
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => configPath([...issue.path, key])).join(', ') : configPath(issue.path);
    const reason = issue.code === 'unrecognized_keys' ? 'unknown key' : issue.message;
    throw new ConfigError(`${label}: ${keys || '(top level)'}: ${reason}`);
  }
  const config = parsed.data;
  const withLabel = <T>(build: () => T): T => {
    try {
      return build();
    } catch (error) {
      throw error instanceof ConfigError ? new ConfigError(`${label}: ${error.message}`) : error;
    }
  };
  const base = withLabel(() => {
    checkSettings(config, options.ruleIds, 'rules', 'review');
    const schema = buildDocumentSchema(config);
    checkOverrideFields(config, schema);
    return { config, schema };
  });
  // Each override is checked on its own at load, so a mistake in one is named before any document is read.
  config.overrides.forEach((override, index) =>
    withLabel(() => {
      const effective = applyOverrides(config, [override]);
      checkSettings(effective, options.ruleIds, `overrides[${index}].rules`, `overrides[${index}].review`);
      buildDocumentSchema(effective, fieldLayers(config, [index]));
    }),
  );
  const resolve = settingsResolver(config, base);
  // Paths in a config are relative to the config file, whether it was found or named with --config.
  const projectRoot = configFile ? path.dirname(configFile) : path.resolve(options.cwd);
  return {
    projectRoot,
    contentRoot: path.resolve(projectRoot, config.root),
    ...(configFile ? { configFile } : {}),
    config,
    schema: base.schema,
    settingsFor: (file) => withLabel(() => resolve(file)),
    configHash: createHash('sha256').update(bytes).digest('hex'),
  };
}

/** What zod cannot check alone: rule ids exist, and the default frequency is one. */
function checkSettings(config: Config, ruleIds: ReadonlySet<string>, rulesPath: string, reviewPath: string): void {
  for (const ruleId of Object.keys(config.rules)) {
    if (!ruleIds.has(ruleId)) throw new ConfigError(`${rulesPath}.${ruleId}: no such rule (see contentgov explain --list)`);
  }
  const { defaultFrequency, frequencies } = config.review;
  if (defaultFrequency !== undefined && !resolveFrequency(defaultFrequency, { ...DEFAULT_FREQUENCIES, ...frequencies })) {
    throw new ConfigError(`${reviewPath}.defaultFrequency: is not a named frequency or a duration of at most 100 years`);
  }
}

/**
 * The config's bytes: a regular file only, of at most MAX_CONFIG_BYTES. A config found by
 * searching upward may come from a pull request, so it must not be a symbolic link leading out
 * of the folder it was found in; one named with --config is the user's choice and may be a link.
 */
function readConfigBytes(file: string, label: string, { named }: { named: boolean }): Buffer {
  const refuse = (reason: string) => new ConfigError(`cannot read config ${label}: ${reason}`);
  const real = safeRealpath(file);
  if (real === undefined) throw refuse(lstatSafe(file) ? 'it is a broken symbolic link' : 'no such file');
  const folder = path.dirname(file);
  if (!named && !isInside(safeRealpath(folder) ?? folder, real)) throw refuse('it is a symbolic link leading out of its folder; not read');
  const read = readRegularFile(real, MAX_CONFIG_BYTES);
  if ('problem' in read) throw refuse(read.problem.message.replace(/^not read: /, ''));
  return read.bytes;
}

function parseConfigJson(bytes: Buffer, label: string): unknown {
  const text = bytes.toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // Located, never quoted: the bytes may not be a config at all.
    throw new ConfigError(`${label} is not valid JSON: ${describeJsonError(text, error)}`);
  }
  const prototypeKey = findPrototypeKey(value);
  if (prototypeKey) throw new ConfigError(`${label}: ${configPath(prototypeKey)}: "__proto__" is not allowed as a key`);
  return value;
}

/**
 * JSON.parse keeps a "__proto__" key as an own property, but any copy into a plain object (zod's
 * record among them) sets the prototype instead and the entry silently disappears: refuse it.
 * Iterative, with parent links, so that any nesting depth costs linear time and no stack.
 */
function findPrototypeKey(root: unknown): PropertyKey[] | undefined {
  interface Node { value: unknown; key?: PropertyKey; parent?: Node }
  const pending: Node[] = [{ value: root }];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (!node.value || typeof node.value !== 'object') continue;
    const isArray = Array.isArray(node.value);
    for (const [key, child] of Object.entries(node.value)) {
      const childNode: Node = { value: child, key: isArray ? Number(key) : key, parent: node };
      if (key !== '__proto__') {
        pending.push(childNode);
        continue;
      }
      const at: PropertyKey[] = [];
      for (let step: Node | undefined = childNode; step?.key !== undefined; step = step.parent) at.push(step.key);
      return at.reverse();
    }
  }
  return undefined;
}

/** fields.owner.pattern, overrides[0].files: a path as the config's author would write it. */
function configPath(at: readonly PropertyKey[]): string {
  return at.map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index > 0 ? '.' : ''}${String(key)}`)).join('');
}

/** The config file as findings and errors name it: its project path, or the default name when there is none. */
export function configFileLabel(project: Pick<Project, 'projectRoot' | 'configFile'>): string {
  return project.configFile ? toProjectPath(project.projectRoot, project.configFile) : CONFIG_FILE_NAME;
}
