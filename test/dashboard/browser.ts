// Starting Debian's chromium for the browser tests (playwright-core drives it; no browser download).
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** The chromium the tests use: $CHROMIUM_PATH, else /usr/bin/chromium (`apt-get install -y chromium`). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Folder of screenshots (git-ignored). */
export const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url);

/**
 * What to do when the browser binary is missing: in CI (CI=true) the test must fail, saying so; elsewhere it may be
 * skipped, saying so. Undefined when the binary is there.
 */
export function missingBrowser(path: string, env: NodeJS.ProcessEnv): { fail: boolean; message: string } | undefined {
  if (existsSync(path)) return undefined;
  const ci = env.CI === 'true' || env.CI === '1';
  const message = `chromium not found at ${path}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`;
  return { fail: ci, message: ci ? `${message} (CI=true: browser tests cannot be skipped)` : message };
}

/** A running headless chromium with a fresh profile; `close` also removes the profile. */
export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Launches chromium at `path`; rejects with a message naming the path and the reason when it cannot start. */
export async function launchChromium(path = CHROMIUM, timeoutMs = 30_000): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'tessera-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: path,
      headless: true,
      timeout: timeoutMs,
      viewport: { width: 1280, height: 900 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    });
    return {
      context,
      close: async () => {
        await context.close().catch(() => undefined);
        await rm(profile, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await rm(profile, { recursive: true, force: true });
    throw new Error(`chromium at ${path} could not start: ${(err as Error).message.split('\n')[0]}`, { cause: err });
  }
}
