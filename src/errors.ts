/** Errors that end a run with exit code 2 and a one-line reason, never a stack trace. */
export class UsageError extends Error {}

/** A config file that cannot be read, parsed or validated. */
export class ConfigError extends UsageError {}
