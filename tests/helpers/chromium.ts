/**
 * Headless Chromium for the tests, driven by playwright-core (which downloads nothing). The browser is, in order:
 * CHROMIUM_PATH; else a system Chromium; else the one inside the @sparticuz/chromium npm package (a devDependency),
 * so `npm ci && npm test` needs nothing installed on the machine.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync } from 'node:zlib';
import sparticuz from '@sparticuz/chromium';
import { chromium, type Browser } from 'playwright-core';

const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

// No sandbox (tests may run as root), and no background traffic to a closed network; playwright gives each launch a
// fresh profile.
const COMMON_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  const systemChromium = process.env.CHROMIUM_PATH ?? SYSTEM_CHROMIUMS.find((candidate) => existsSync(candidate));
  if (systemChromium) return chromium.launch({ executablePath: systemChromium, headless: true, args: COMMON_ARGS });
  const unpacked = unpackNpmChromium();
  return chromium.launch({
    executablePath: unpacked.executable,
    headless: true,
    args: [...sparticuz.args, ...COMMON_ARGS],
    env: { ...process.env, LD_LIBRARY_PATH: unpacked.libraries, FONTCONFIG_FILE: unpacked.fontConfig },
  });
}

interface UnpackedChromium {
  executable: string;
  /** NSS, NSPR and expat, built for Amazon Linux 2023 and shipped in the package: a slim Debian has none of them. */
  libraries: string;
  fontConfig: string;
}

/**
 * The package inflates its brotli files into os.tmpdir() (/tmp/chromium, /tmp/fonts…), shared by every process on
 * the machine, and takes a partly written file there for a finished one. So it inflates here into a private folder
 * (in a child process with its own TMPDIR), which is then renamed into node_modules/.cache in one step: concurrent
 * test workers either win the rename or use the winner's folder, never a half-written one.
 */
function unpackNpmChromium(): UnpackedChromium {
  const packageDir = fileURLToPath(new URL('../../node_modules/@sparticuz/chromium/', import.meta.url));
  const { version } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const cacheDir = fileURLToPath(new URL('../../node_modules/.cache/', import.meta.url));
  const finalDir = path.join(cacheDir, `sparticuz-chromium-${version}`);
  const unpacked = (dir: string): UnpackedChromium => ({
    executable: path.join(dir, 'chromium'),
    libraries: path.join(dir, 'al2023', 'lib'),
    fontConfig: path.join(dir, 'fonts.conf'),
  });
  if (existsSync(finalDir)) return unpacked(finalDir);

  mkdirSync(cacheDir, { recursive: true });
  const stagingDir = mkdtempSync(path.join(cacheDir, '.sparticuz-chromium-'));
  try {
    // chromium.br, fonts.tar.br and swiftshader.tar.br, by the package's own code.
    execFileSync(
      process.execPath,
      ['--input-type=module', '-e', "await (await import('@sparticuz/chromium')).default.executablePath();"],
      { cwd: fileURLToPath(new URL('../..', import.meta.url)), env: { ...process.env, TMPDIR: stagingDir }, stdio: 'inherit' },
    );
    // The package inflates al2023.tar.br only when it detects Lambda; the tar is plain, Debian's tar extracts it.
    mkdirSync(path.join(stagingDir, 'al2023'));
    execFileSync('tar', ['-x', '-C', path.join(stagingDir, 'al2023')], {
      input: brotliDecompressSync(readFileSync(path.join(packageDir, 'bin', 'al2023.tar.br'))),
    });
    // The package's fonts.conf names /tmp/fonts; this one names the unpacked Open Sans where it ends up.
    writeFileSync(
      path.join(stagingDir, 'fonts.conf'),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
        `  <dir>${path.join(finalDir, 'fonts')}</dir>\n  <cachedir>${path.join(finalDir, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
    );
    renameSync(stagingDir, finalDir);
  } catch (error) {
    rmSync(stagingDir, { recursive: true, force: true });
    // Another worker renamed its folder first: use that one.
    if (!existsSync(finalDir)) throw error;
  }
  return unpacked(finalDir);
}
