// End-to-end tests of `salescoach serve` over loopback: a real server on the demo
// organisation, real HTTP, and every JSON answer checked against docs/openapi.json with a
// JSON Schema 2020-12 validator (ajv). Run by meson (tests/e2e/meson.build) with node --test.
//
// The server and the logins: harness.mjs (SALESCOACH_BIN, SOURCE_DIR for the OpenAPI document).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import net from 'node:net';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import {
  EMAILS, PASSWORD, SOURCE_DIR, startDemo, serve, login as logIn, openapiDocument,
} from './harness.mjs';

const LOGINS = EMAILS;

let db, server, base, doc, ajv;
const checked = { validated: 0 };

// ---- the OpenAPI document as a validator ----------------------------------------------------

// The path template of the document that matches a concrete path, or undefined.
function template(path) {
  for (const t of Object.keys(doc.paths)) {
    const re = new RegExp('^' + t.replace(/\{[^}]+\}/g, '[^/]+') + '$');
    if (re.test(path)) return t;
  }
  return undefined;
}

// Check one answer against the document: the operation exists, the status is documented
// (or covered by default), and a JSON body matches its schema.
function conform(method, path, status, body) {
  const t = template(path.split('?')[0]);
  assert.ok(t, `${path} is not in the OpenAPI document`);
  const op = doc.paths[t][method.toLowerCase()];
  assert.ok(op, `${method} ${t} is not in the OpenAPI document`);
  const key = String(status) in op.responses ? String(status) : 'default';
  let resp = op.responses[key];
  assert.ok(resp, `${method} ${t}: status ${status} is not documented`);
  // The schema is validated where it stands in the document, so that its $refs resolve.
  let pointer = ['paths', t, method.toLowerCase(), 'responses', key];
  if (resp.$ref) {
    pointer = resp.$ref.replace(/^#\//, '').split('/');
    resp = resolve(resp.$ref);
  }
  const media = resp.content?.['application/json'];
  if (!media || body === undefined) return;
  pointer = [...pointer, 'content', 'application/json', 'schema'];
  const fragment = pointer
    .map((p) => encodeURIComponent(p.replace(/~/g, '~0').replace(/\//g, '~1')))
    .join('/');
  const validate = ajv.getSchema('openapi.json#/' + fragment);
  assert.ok(validate, `no schema for ${method} ${t} ${status}`);
  const ok = validate(body);
  assert.ok(ok, `${method} ${path} ${status} does not match the OpenAPI document: ` +
    JSON.stringify(validate.errors?.slice(0, 3)) + ' body: ' + JSON.stringify(body).slice(0, 300));
  checked.validated++;
}

function resolve(ref) {
  return ref.replace(/^#\//, '').split('/').reduce((o, k) => o[k], doc);
}

// ---- HTTP -------------------------------------------------------------------------------------

// A request; returns {status, headers, body (parsed JSON or text)} and checks it against the
// document unless raw is set.
// origin is another server's address (default: the suite's server).
async function call(method, path, { cookie, csrf, token, body, raw, headers = {}, origin } = {}) {
  const h = { ...headers };
  if (cookie) h.Cookie = cookie;
  if (csrf) h['X-CSRF-Token'] = csrf;
  if (token) h.Authorization = `Bearer ${token}`;
  if (body !== undefined && typeof body !== 'string') body = JSON.stringify(body);
  if (body !== undefined) h['Content-Type'] = 'application/json';
  const r = await fetch((origin ?? base) + path, { method, headers: h, body });
  const text = await r.text();
  let parsed;
  if (text && (r.headers.get('content-type') ?? '').startsWith('application/json')) {
    parsed = JSON.parse(text);
  }
  if (!raw) conform(method, path, r.status, parsed);
  if (r.status >= 400) {
    assert.equal(typeof parsed?.error?.code, 'string', `error body of ${method} ${path}`);
    assert.equal(typeof parsed.error.message, 'string');
    assert.ok('field' in parsed.error);
  }
  return { status: r.status, headers: r.headers, body: parsed ?? text };
}

const sessions = {};
async function login(who) {
  if (sessions[who]) return sessions[who];
  const r = await logIn(base, LOGINS[who]);
  conform('POST', '/api/login', r.status, r.body);
  assert.equal(r.status, 200, `login of ${who}: ${JSON.stringify(r.body)}`);
  const set = r.headers.get('set-cookie');
  assert.match(set, /HttpOnly/);
  assert.match(set, /SameSite=Strict/);
  assert.doesNotMatch(set, /Secure/); // plain HTTP on loopback
  sessions[who] = { cookie: set.split(';')[0], csrf: r.body.csrf_token };
  return sessions[who];
}

// Send raw bytes and read whatever comes back until the server closes (for limits).
function rawExchange(bytes, { waitMs = 4000 } = {}) {
  return new Promise((resolve) => {
    const { port, hostname } = new URL(base);
    const s = net.connect(Number(port), hostname);
    let out = '';
    s.on('data', (d) => { out += d.toString('latin1'); });
    s.on('close', () => resolve(out));
    s.on('error', () => resolve(out));
    s.setTimeout(waitMs, () => { s.destroy(); resolve(out); });
    s.write(bytes);
  });
}

// ---- the server -----------------------------------------------------------------------------

// A second server on the suite's database, with more arguments of serve.
function startServer(extra = []) {
  return serve(db, { extra });
}

before(async () => {
  server = await startDemo('e2e');
  db = server.db;
  doc = openapiDocument();
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(doc, 'openapi.json');
  base = server.base;
});

test('the start line names where the web interface and the API are, in the organisation\'s language', () => {
  const p = server.port;
  assert.match(server.line, new RegExp(`de webinterface op http://127\\.0\\.0\\.1:${p}/ en de API op http://127\\.0\\.0\\.1:${p}/api/ \\(poort ${p}\\)`));
});

after(() => server?.stop());

// ---- tests --------------------------------------------------------------------------------------

test('health answers without a login, and the document is served', async () => {
  const r = await call('GET', '/api/health');
  assert.equal(r.status, 200);
  assert.deepEqual(r.body, { status: 'ok' });
  const d = await call('GET', '/api/openapi.json', { raw: true });
  assert.equal(d.status, 200);
  assert.deepEqual(d.body, doc);
});

test('a wrong password is 401 and the same as an unknown address', async () => {
  const a = await call('POST', '/api/login', { body: { email: LOGINS.internal, password: 'not-her-password' } });
  const b = await call('POST', '/api/login', { body: { email: 'nobody@vandijk.example', password: 'not-her-password' } });
  assert.equal(a.status, 401);
  assert.equal(b.status, 401);
  assert.equal(a.body.error.message, b.body.error.message);
});

test('the coach reads the session notes, the administrator does not', async () => {
  const coach = await login('manager');
  const list = await call('GET', '/api/sessions?limit=5', coach);
  assert.equal(list.status, 200);
  const held = list.body.items.find((s) => s.notes !== undefined);
  assert.ok(held, 'the coach sees notes of his own sessions');
  const admin = await login('admin');
  const same = await call('GET', `/api/sessions/${held.id}`, admin);
  assert.equal(same.status, 200);
  assert.equal(same.body.notes, undefined);
  assert.equal(same.body.agenda, undefined);
  assert.equal(same.body.minutes, held.minutes); // the activity stays visible
  const other = await call('GET', `/api/sessions/${held.id}`, await login('internal'));
  assert.equal(other.status, 404);
  const exec = await call('GET', `/api/sessions/${held.id}`, await login('executive'));
  assert.equal(exec.status, 403);
});

test('the coachee sees who read her coaching record', async () => {
  const rep = await login('rep');
  const log = await call('GET', '/api/me/access-log', rep);
  assert.equal(log.status, 200);
  assert.ok(log.body.items.some((e) => e.reader_name === LOGINS.manager));
  // Repeated reads of one record within an hour are one entry, with their count and times.
  for (const e of log.body.items) {
    assert.ok(e.reads >= 1);
    assert.ok(e.last_at >= e.at);
  }
});

test('executives get aggregates of at least k people', async () => {
  const exec = await login('executive');
  const r = await call('GET', '/api/reports/programmes', exec);
  assert.equal(r.status, 200);
  for (const p of r.body.programmes) {
    if (p.suppressed) assert.equal(p.coachees, undefined);
    else assert.ok(p.coachees >= r.body.k);
  }
  assert.equal((await call('GET', '/api/people', exec)).status, 403);
  assert.equal((await call('GET', '/api/reports/programmes', await login('rep'))).status, 403);
});

test('a change with a cookie needs the CSRF token, and a refused change stores nothing', async () => {
  const admin = await login('admin');
  const r = await call('POST', '/api/teams', { cookie: admin.cookie, body: { name: 'Team Zuid' } });
  assert.equal(r.status, 403);
  const s = await call('POST', '/api/teams', { cookie: admin.cookie, csrf: 'stale', body: { name: 'Team Zuid' } });
  assert.equal(s.status, 403);
  const q = await call('GET', '/api/teams?name=Team%20Zuid', admin);
  assert.equal(q.body.total, 0);
  const ok = await call('POST', '/api/teams', { ...admin, body: { name: 'Team Zuid' } });
  assert.equal(ok.status, 201);
  assert.equal(ok.body.name, 'Team Zuid');
});

test('bad input: malformed JSON, wrong types, unknown fields, out of range', async () => {
  const admin = await login('admin');
  const cases = [
    ['{"name":', 400, null],
    ['[]', 400, null],
    [{ name: 12 }, 422, 'name'],
    [{ name: 'X', colour: 'red' }, 422, 'colour'],
  ];
  for (const [body, status, field] of cases) {
    const r = await call('POST', '/api/teams', { ...admin, body });
    assert.equal(r.status, status, JSON.stringify(body));
    assert.equal(r.body.error.field, field);
  }
  const p = await call('POST', '/api/programmes', {
    ...admin,
    body: { team: 1, model: 'manager', starts_on: '2026-01-01', ends_on: '2026-12-31', target_hours: 99 },
  });
  assert.equal(p.status, 422);
  assert.equal(p.body.error.field, 'target_hours');
  const n = await call('GET', '/api/programmes?limit=1000', admin);
  assert.ok(!n.body.items.some((x) => x.target_hours === 99));
});

test('unknown routes are 404, wrong methods 405 with Allow', async () => {
  const admin = await login('admin');
  assert.equal((await call('GET', '/api/nothing-here', { ...admin, raw: true })).status, 404);
  const m = await call('DELETE', '/api/health', { raw: true });
  assert.equal(m.status, 405);
  assert.equal(m.headers.get('allow'), 'GET');
  // Outside /api/ is the web interface: a page's address opens it.
  const page = await call('GET', '/elsewhere', { raw: true });
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type'), /^text\/html/);
});

test('a huge body is answered 413 at once and stores nothing', async () => {
  const admin = await login('admin');
  // Announce 2 MiB and send the start: the answer comes from the headers alone.
  const head = 'POST /api/teams HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
    `Cookie: ${admin.cookie}\r\nX-CSRF-Token: ${admin.csrf}\r\n` +
    `Content-Length: ${2 * 1024 * 1024}\r\n\r\n{"name":"Huge`;
  const answer = await rawExchange(head, { waitMs: 5000 });
  assert.match(answer, /^HTTP\/1\.1 413 /);
  const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
  assert.equal(body.error.code, 'too_large');
  conform('POST', '/api/teams', 413, body);
  const q = await call('GET', '/api/teams?name=Huge', admin);
  assert.equal(q.body.total, 0);
  assert.equal((await call('GET', '/api/health')).status, 200);
});

test('a client that sends its request too slowly is cut off, others are served', async () => {
  const slow = rawExchange('GET /api/health HTTP/1.1\r\nHost: x\r\n', { waitMs: 20000 });
  const r = await call('GET', '/api/health');
  assert.equal(r.status, 200);
  const answer = await slow; // closed by the server's idle timeout, without an answer
  assert.doesNotMatch(answer, /200 OK/);
});

test('an unknown or ended session is 401; logout ends it', async () => {
  const bogus = await call('GET', '/api/me', { cookie: 'sc_session=' + '0'.repeat(64) });
  assert.equal(bogus.status, 401);
  const r = await call('POST', '/api/login', { body: { email: LOGINS.senior, password: PASSWORD } });
  const s = { cookie: r.headers.get('set-cookie').split(';')[0], csrf: r.body.csrf_token };
  assert.equal((await call('GET', '/api/me', s)).status, 200);
  assert.equal((await call('POST', '/api/logout', s)).status, 204);
  assert.equal((await call('GET', '/api/me', s)).status, 401);
});

test('API tokens work without CSRF until revoked', async () => {
  const rep = await login('rep');
  const t = await call('POST', '/api/me/tokens', { ...rep, body: { name: 'my script' } });
  assert.equal(t.status, 201);
  const me = await call('GET', '/api/me', { token: t.body.token });
  assert.equal(me.status, 200);
  assert.equal(me.body.person.email, LOGINS.rep);
  const list = await call('GET', '/api/me/tokens', rep);
  assert.ok(list.body.items.some((x) => x.id === t.body.id && x.token === undefined));
  assert.equal((await call('DELETE', `/api/me/tokens/${t.body.id}`, rep)).status, 204);
  assert.equal((await call('GET', '/api/me', { token: t.body.token })).status, 401);
});

test('an administrator resets a login with a setup link; the person chooses the password', async () => {
  const admin = await login('admin');
  const people = await call('GET', `/api/people?email=${encodeURIComponent(LOGINS.internal)}`, admin);
  const person = people.body.items[0].id;
  const refused = await call('POST', '/api/accounts', {
    ...admin, body: { person, password: 'admin-chosen-pw1' },
  });
  assert.equal(refused.status, 422);
  assert.equal(refused.body.error.field, 'password');
  const reset = await call('POST', '/api/accounts', { ...admin, body: { person, role: 'member' } });
  assert.equal(reset.status, 201);
  assert.equal(reset.body.reset, true);
  assert.match(reset.body.warning, /only/);
  const old = await call('POST', '/api/login', { body: { email: LOGINS.internal, password: PASSWORD } });
  assert.equal(old.status, 401);
  const set = await call('POST', '/api/setup', { body: { token: reset.body.setup.token, password: PASSWORD } });
  assert.equal(set.status, 204);
  const again = await call('POST', '/api/setup', { body: { token: reset.body.setup.token, password: PASSWORD } });
  assert.equal(again.status, 403);
  delete sessions.internal;
  const coach = await login('internal');
  const log = await call('GET', '/api/me/security-log', coach);
  assert.equal(log.status, 200);
  assert.ok(log.body.items.some((e) => e.kind === 'password_reset' && e.actor !== undefined));
  assert.ok(log.body.items.some((e) => e.kind === 'password_set'));
});

test('a coach lists their coachees with last and next session', async () => {
  const coach = await login('manager');
  const r = await call('GET', '/api/me/coachees', coach);
  assert.equal(r.status, 200);
  assert.ok(r.body.items.length >= 5);
  assert.ok(r.body.items.some((i) => i.last_session && i.last_session.status === 'held'));
});

test('a manager reads their team without its content; a rep is refused', async () => {
  const r = await call('GET', '/api/me/team', await login('manager'));
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.teams.map((t) => t.name), ['Team Amsterdam']);
  assert.ok(r.body.people.some((p) => p.name === 'Lotte Mulder' && p.coached && p.last_session));
  const rep = await call('GET', '/api/me/team?lang=en', await login('rep'));
  assert.equal(rep.status, 403);
  assert.match(rep.body.error.message, /for managers/);
});

test('alerts: the administrator sees them all, a rep only her own', async () => {
  const all = await call('GET', '/api/alerts', await login('admin'));
  assert.equal(all.status, 200);
  assert.ok(all.body.alerts.length >= 10);
  const mine = await call('GET', '/api/alerts', await login('rep'));
  assert.equal(mine.status, 200);
  assert.ok(mine.body.alerts.length < all.body.alerts.length);
  const bad = await call('GET', '/api/alerts?model=nobody', await login('admin'));
  assert.equal(bad.status, 422);
});

test('planners and the advisor, as the worked example says', async () => {
  const admin = await login('admin');
  const cap = await call('GET', '/api/plan/capacity', admin);
  assert.equal(cap.status, 200);
  assert.equal(cap.body.managers.length, 2);
  const rep = await login('rep');
  assert.equal((await call('GET', '/api/plan/capacity', rep)).body.managers.length, 0);
  const example = JSON.parse(readFileSync(join(SOURCE_DIR, 'docs', 'advisor', 'example-1.json'), 'utf8'));
  const adv = await call('POST', '/api/advise?lang=en', { ...rep, body: example });
  assert.equal(adv.status, 200);
  assert.deepEqual(adv.body.scores, { manager: 100, senior: 40, internal: 0, external: 10 });
  assert.equal(adv.body.best, 'manager');
});

test('behind a trusted proxy: each client its own rate limit, Secure over https', async () => {
  // The attack that worked: behind a proxy every client had the proxy's address, so one
  // guesser's failures counted for everyone, and the cookie never got Secure.
  const proxied = await startServer(['--trusted-proxy', '127.0.0.1']);
  const origin = `http://127.0.0.1:${proxied.port}`;
  try {
    const from = (addr, proto = 'http') => ({
      origin, headers: { 'X-Forwarded-For': `203.0.113.50, ${addr}`, 'X-Forwarded-Proto': proto },
    });
    const wrong = { email: LOGINS.manager, password: 'not-the-password' };
    const right = { email: LOGINS.manager, password: PASSWORD };
    for (let i = 0; i < 5; i++) {
      assert.equal((await call('POST', '/api/login', { ...from('198.51.100.21'), body: wrong })).status, 401);
    }
    const limited = await call('POST', '/api/login', { ...from('198.51.100.21'), body: right });
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    const ok = await call('POST', '/api/login', { ...from('198.51.100.22', 'https'), body: right });
    assert.equal(ok.status, 200);
    assert.match(ok.headers.get('set-cookie'), /; Secure/);
    // The suite's server trusts no proxy: the same headers change nothing there.
    const direct = await call('POST', '/api/login', {
      headers: { 'X-Forwarded-For': '198.51.100.23', 'X-Forwarded-Proto': 'https' }, body: right,
    });
    assert.equal(direct.status, 200);
    assert.doesNotMatch(direct.headers.get('set-cookie'), /Secure/);
  } finally {
    // Wait for it to be gone: a server still stopping would slow the tests after this one.
    const gone = new Promise((r) => proxied.proc.on('exit', r));
    proxied.proc.kill('SIGTERM');
    await gone;
  }
});

test('every answer so far matched the OpenAPI document', () => {
  assert.ok(checked.validated >= 35, `only ${checked.validated} answers were validated`);
});

test('SIGTERM: requests in flight finish, the server stops cleanly', async () => {
  const admin = await login('admin');
  const inflight = Array.from({ length: 20 }, () => call('GET', '/api/alerts', { ...admin, raw: true }));
  await new Promise((r) => setTimeout(r, 20));
  const exited = new Promise((r) => server.proc.on('exit', (code, sig) => r({ code, sig })));
  server.proc.kill('SIGTERM');
  const results = await Promise.allSettled(inflight);
  for (const r of results) {
    // Each request either got its whole answer or was never accepted.
    // Answered whole: by the handler, or 503 when it had not begun before the stop.
    if (r.status === 'fulfilled') assert.ok([200, 503].includes(r.value.status), String(r.value.status));
    // A kept-alive connection the stopping server closed before it took the request.
    else assert.match(String(r.reason?.cause?.code ?? r.reason), /ECONNREFUSED|ECONNRESET|UND_ERR_SOCKET/);
  }
  assert.ok(results.some((r) => r.status === 'fulfilled' && r.value.status === 200),
    'at least the first requests were answered');
  const { code } = await exited;
  assert.equal(code, 0);
  const integrity = execFileSync('sqlite3', [db, 'PRAGMA integrity_check;']).toString().trim();
  assert.equal(integrity, 'ok');
});
