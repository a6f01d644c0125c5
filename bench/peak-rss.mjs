// Runs a Node CLI in this process and reports its peak RSS (bytes) on fd 3 at exit, so the
// benchmark measures the child's own high-water mark on any machine, without /usr/bin/time.
import { writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [script, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], script, ...args];
process.on('exit', () => writeSync(3, String(process.resourceUsage().maxRSS * 1024)));
await import(pathToFileURL(script).href);
