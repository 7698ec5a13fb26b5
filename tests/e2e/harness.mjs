// What the end-to-end tests share: the real program serving a fresh copy of the demo
// organisation over loopback, logging in as a demo person (the session cookie and the CSRF
// token), and the OpenAPI document. Each test file keeps its own way of sending requests and
// of checking answers; only the setting up is here.
//
// SALESCOACH_BIN is the program, SOURCE_DIR the repository. Run by meson
// (tests/e2e/meson.build) with node --test.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BIN = process.env.SALESCOACH_BIN;
export const SOURCE_DIR = process.env.SOURCE_DIR;
export const PASSWORD = 'demo-password';

// The demo people the tests log in as, by their role.
export const EMAILS = {
  admin: 'admin@salescoach.example',
  executive: 'annelies.devries@vandijk.example',
  manager: 'jeroen.bakker@vandijk.example',
  rep: 'lotte.mulder@vandijk.example',
  senior: 'erik.vanleeuwen@vandijk.example',
  internal: 'linda.smit@vandijk.example',
};

// `salescoach serve` on db, on a port of its own choosing on 127.0.0.1, with 4 threads;
// resolves once its start line says the port: { proc, port, base, line (the start line),
// output() (all it wrote), log() (what it wrote to stderr: the request log) }.
// log: the request log on (SALESCOACH_HTTP_LOG=1); extra: more arguments of serve.
export function serve(db, { extra = [], log = false } = {}) {
  return new Promise((resolve, reject) => {
    const args = ['--db', db, 'serve', '--listen', '127.0.0.1:0', '--threads', '4', ...extra];
    const proc = spawn(BIN, args, {
      env: { ...process.env, SALESCOACH_HTTP_LOG: log ? '1' : '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '', err = '', started = false;
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/\((?:port|poort) (\d+)\)/);
      if (m && !started) {
        started = true;
        const port = Number(m[1]);
        resolve({
          proc, port, base: `http://127.0.0.1:${port}`, line: out,
          output: () => out + err, log: () => err,
        });
      }
    });
    proc.stderr.on('data', (d) => { err += d; });
    proc.on('exit', (code, sig) => reject(new Error(`server exited ${code ?? sig}: ${out}${err}`)));
  });
}

// A new copy of the demo organisation in a new temporary folder: { dir, db }.
// prepare(db), when given, runs on it before anything else opens it.
export async function demoDatabase(name, prepare) {
  const dir = mkdtempSync(join(tmpdir(), `salescoach-${name}-`));
  const db = join(dir, `${name}.db`);
  execFileSync(BIN, ['--db', db, 'demo'], { stdio: 'ignore' });
  if (prepare) await prepare(db);
  return { dir, db };
}

// A server on a new copy of the demo: what serve gives, and db, dir and stop() (the server
// killed if it still runs, the folder removed). Options: prepare (demoDatabase), log, extra.
export async function startDemo(name, { prepare, log, extra } = {}) {
  const { dir, db } = await demoDatabase(name, prepare);
  let server;
  try {
    server = await serve(db, { log, extra });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    ...server, db, dir,
    stop() {
      if (server.proc.exitCode === null && server.proc.signalCode === null) server.proc.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Give email a password of its own (`salescoach account set`), before the server opens db.
export function setPassword(db, email, password) {
  execFileSync(BIN, ['--db', db, 'account', 'set', '--email', email],
    { input: password + '\n', stdio: ['pipe', 'ignore', 'ignore'] });
}

// POST /api/login at base: { status, headers, body (the parsed JSON), setCookie (the
// Set-Cookie header), cookie ("name=value", for a Cookie header), csrf (the token) }.
// It does not judge the answer: the caller asserts what it needs.
export async function login(base, email, password = PASSWORD, headers = {}) {
  const r = await fetch(base + '/api/login', {
    method: 'POST', headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ email, password }),
  });
  const text = await r.text();
  let body = text;
  try { body = JSON.parse(text); } catch { /* not JSON: kept as text */ }
  const setCookie = r.headers.get('set-cookie');
  return {
    status: r.status, headers: r.headers, body, setCookie,
    cookie: setCookie ? setCookie.split(';')[0] : undefined,
    csrf: body?.csrf_token,
  };
}

// docs/openapi.json, parsed.
export function openapiDocument() {
  return JSON.parse(readFileSync(join(SOURCE_DIR, 'docs', 'openapi.json'), 'utf8'));
}
