// server.mjs - starts a throwaway `fazhi serve` on a temp database for API and browser
// tests, and gives a small client that keeps the session cookie and the CSRF token.
// FAZHI_BIN picks the binary (make test passes the ASan build); each server gets its own
// temp folder, a free loopback port, and is killed when the test file ends.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '..', '..');
export const BIN = process.env.FAZHI_BIN ? resolve(process.env.FAZHI_BIN) : join(ROOT, 'build', 'fazhi');
export const DEMO_PASSWORD = 'Fazhi@2026';

export function freePort() {
  return new Promise((res, rej) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)); });
    s.on('error', rej);
  });
}

// fazhi(args, {input}) runs the CLI synchronously and returns {status, stdout, stderr}
export function fazhi(args, opts = {}) {
  const r = spawnSync(BIN, args, { input: opts.input ?? '', encoding: 'utf8', env: { ...process.env, ...opts.env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// startServer({demo: true}) -> {url, dir, db, stop()}
export async function startServer({ demo = true, env = {}, args = [] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-test-'));
  const db = join(dir, 'test.db');
  if (demo) {
    const r = fazhi(['demo', '--db', db]);
    if (r.status !== 0) throw new Error(`fazhi demo failed: ${r.stderr}`);
  }
  const port = await freePort();
  const proc = spawn(BIN, ['serve', '--listen', `127.0.0.1:${port}`, '--db', db, '--web', join(ROOT, 'web', 'dist'), ...args],
    { env: { ...process.env, FAZHI_ACCESS_LOG: 'false', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try { const r = await fetch(`${url}/api/v1/health`); if (r.ok) break; } catch { /* not up yet */ }
    if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`fazhi serve exited: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url, dir, db, port, proc,
    stderr: () => stderr,
    async stop({ keep = false } = {}) {
      if (proc.exitCode === null && proc.signalCode === null) {
        const done = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await done;
      }
      if (!keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Client: fetch with the session cookie and CSRF header; json() helpers return
// {status, body, headers}.
export class Client {
  constructor(base) { this.base = base; this.cookie = ''; this.csrf = ''; }
  async req(method, path, body, { headers = {}, raw = false, csrf = true } = {}) {
    const h = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (csrf && this.csrf && method !== 'GET') h['x-csrf-token'] = this.csrf;
    let payload;
    if (body !== undefined) { payload = raw ? body : JSON.stringify(body); h['content-type'] ??= 'application/json'; }
    const r = await fetch(this.base + path, { method, headers: h, body: payload });
    const sc = r.headers.get('set-cookie');
    if (sc) { const m = /fazhi_session=([^;]*)/.exec(sc); if (m) this.cookie = m[1] ? `fazhi_session=${m[1]}` : ''; }
    const text = await r.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { json = null; }
    return { status: r.status, body: json, text, headers: r.headers };
  }
  get(p, o) { return this.req('GET', p, undefined, o); }
  post(p, b, o) { return this.req('POST', p, b, o); }
  put(p, b, o) { return this.req('PUT', p, b, o); }
  del(p, o) { return this.req('DELETE', p, undefined, o); }
  async login(username, password = DEMO_PASSWORD) {
    const r = await this.post('/api/v1/auth/login', { username, password });
    if (r.status === 200) this.csrf = r.body.csrf_token;
    return r;
  }
}

export async function loggedIn(url, username, password = DEMO_PASSWORD) {
  const c = new Client(url);
  const r = await c.login(username, password);
  if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${r.text}`);
  return c;
}
