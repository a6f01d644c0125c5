/**
 * External link checking benchmark: 5,000 unique URLs over 50 loopback hosts (127.0.0.1 to
 * 127.0.0.50), each answering after 50 ms. With the default limits (128 in all, 4 per host) the
 * bound is 5,000 × 50 ms / 128 ≈ 1.95 s. contentgov and linkinator check the same documents.
 * `node bench/external.mjs` (after npm run build) runs this benchmark alone, BENCH_RUNS times (3).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HOSTS = 50;
const URLS_PER_HOST = 100;
const DELAY_MS = 50;

function run(command, args, cwd) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CI: 'true', NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ milliseconds: Number(process.hrtime.bigint() - started) / 1e6, exitCode: code, stderr }));
  });
}

export async function benchExternal({ cli, linkinatorCli, directory }) {
  let requests = 0;
  const servers = [];
  for (let host = 1; host <= HOSTS; host++) {
    const server = createServer((request, response) => {
      requests++;
      setTimeout(() => response.writeHead(200, { 'content-type': 'text/plain' }).end('ok'), DELAY_MS);
    });
    await new Promise((resolve) => server.listen(0, `127.0.0.${host}`, resolve));
    servers.push(server);
  }
  rmSync(directory, { recursive: true, force: true });
  const urls = servers.flatMap((server, index) => Array.from({ length: URLS_PER_HOST }, (_, page) => `http://127.0.0.${index + 1}:${server.address().port}/page/${page}`));
  mkdirSync(path.join(directory, 'content'), { recursive: true });
  const writeConfig = (method) => writeFileSync(path.join(directory, 'contentgov.config.json'), JSON.stringify({ root: 'content', links: { cache: { enabled: false }, method } }));
  const perDocument = 50;
  for (let document = 0; document < urls.length / perDocument; document++) {
    const links = urls.slice(document * perDocument, (document + 1) * perDocument).map((url, index) => `- [link ${index}](${url})`);
    writeFileSync(
      path.join(directory, 'content', `doc-${document}.md`),
      `---\ntitle: External ${document}\nurl: https://www.cancer.gov/bench/${document}\n---\n\n# External ${document}\n\n${links.join('\n')}\n`,
    );
  }
  try {
    // --progress: the bar on, as a person at a terminal sees it (stderr is a pipe here).
    const lintArgs = [cli, 'lint', '--external', '--allow-private-hosts', '--progress', '--format', 'json', '--rule', 'metadata-schema=off'];
    writeConfig('get');
    requests = 0;
    const withGet = await run(process.execPath, lintArgs, directory);
    const getRequests = requests;
    writeConfig('head');
    requests = 0;
    const ours = await run(process.execPath, lintArgs, directory);
    const ourRequests = requests;
    requests = 0;
    // linkinator also reads each page's frontmatter url as a link; skipped, so both tools request
    // the same 5,000 URLs and nothing leaves the machine.
    const peer = await run(process.execPath, [linkinatorCli, 'content/**/*.md', '--markdown', '--concurrency', '128', '--skip', '^https://www\\.cancer\\.gov/'], directory);
    return {
      urls: urls.length,
      bound: (urls.length * DELAY_MS) / 128,
      contentgov: { ...ours, requests: ourRequests },
      contentgovGet: { ...withGet, requests: getRequests },
      linkinator: { ...peer, requests },
    };
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const repo = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const rows = [];
  for (let run = 0; run < runs; run++) {
    const result = await benchExternal({ cli: path.join(repo, 'bin/contentgov.js'), linkinatorCli: path.join(repo, 'node_modules/linkinator/build/src/cli.js'), directory: path.join(repo, 'bench/.corpus/external') });
    rows.push(result);
    const cell = (name, tool) => `${name} ${(tool.milliseconds / 1000).toFixed(2)} s (${(tool.milliseconds / result.bound).toFixed(2)}×, ${tool.requests} requests)`;
    console.log(`run ${run + 1}: ${cell('contentgov', result.contentgov)}, ${cell('method get', result.contentgovGet)}, ${cell('linkinator', result.linkinator)}`);
  }
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const bound = rows[0].bound;
  for (const tool of ['contentgov', 'contentgovGet', 'linkinator']) {
    const milliseconds = median(rows.map((row) => row[tool].milliseconds));
    console.log(`median ${tool}: ${(milliseconds / 1000).toFixed(2)} s, ${(milliseconds / bound).toFixed(2)}× the bound of ${(bound / 1000).toFixed(2)} s`);
  }
}
