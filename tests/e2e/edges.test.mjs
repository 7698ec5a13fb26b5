// The edges of the HTTP API: a catalogue of malformed and edge-case requests
// (tests/e2e/edges/cases.mjs), each sent byte for byte over a raw socket to the real server on
// a fresh demo database, and each answer held to the contract: its status, and for every
// refusal the same body {"error": {"code", "message", "field"}} as application/json, exactly one
// answer per request, Connection: close and a closed connection after the server layer's
// refusals, the status documented for the operation in docs/openapi.json. Afterwards the server
// still answers, the database changed only where a case was meant to succeed, and no answer
// held private coaching content.
//
// One line per case: PASS or FAIL, the name, what was expected and what came. EDGES_GROUP=line
// (or line,headers) runs only those groups; the checks afterwards always run.
//
// The server and the logins: harness.mjs (SALESCOACH_BIN, SOURCE_DIR). Run by meson as e2e-edges.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { converse, parseAnswers, finalCount, arrivedAt } from './edges/wire.mjs';
import { loadDocument } from './edges/openapi.mjs';
import { catalogue } from './edges/cases.mjs';
import { req, as } from './edges/request.mjs';
import { snapshot, diff } from './edges/database.mjs';
import { SOURCE_DIR, PASSWORD, EMAILS as DEMO, startDemo, login as logIn } from './harness.mjs';

const ONLY = process.env.EDGES_GROUP ? new Set(process.env.EDGES_GROUP.split(',').map((g) => g.trim())) : null;
const EMAILS = {
  admin: DEMO.admin,
  executive: DEMO.executive,
  coach: DEMO.manager,
  rep: DEMO.rep,
  senior: DEMO.senior,
  internal: DEMO.internal,
};
const CONCURRENCY = 8;

// ---- the server ---------------------------------------------------------------------------------

const server = await startDemo('edges');
const { db } = server;
const port = server.port;
after(() => server.stop());

const openapi = loadDocument(SOURCE_DIR);

// One request, one answer: the first final answer, its body parsed when it is JSON.
async function exchangeOne(bytes) {
  const r = await converse(port, [bytes], { complete: (b) => finalCount(b) >= 1, settle: 0 });
  const a = parseAnswers(r.bytes).answers.find((x) => !x.interim);
  if (a) a.json = parseJson(a);
  return a;
}

function parseJson(a) {
  if (!/^application\/json\b/.test(a.headers['content-type']?.[0] ?? '') || a.body.length === 0) return undefined;
  try {
    return JSON.parse(a.body.toString('utf8'));
  } catch {
    return undefined;
  }
}

async function login(email) {
  const r = await logIn(server.base, email, PASSWORD);
  assert.equal(r.status, 200, `login of ${email}`);
  return { cookie: r.cookie, csrf: r.csrf };
}

// Every item of a list, page by page.
async function all(path, who) {
  const items = [];
  for (let offset = 0; ; offset += 1000) {
    const sep = path.includes('?') ? '&' : '?';
    const a = await exchangeOne(req('GET', `${path}${sep}limit=1000&offset=${offset}`, { headers: as(who, { csrf: false }) }));
    assert.equal(a?.status, 200, `GET ${path}`);
    items.push(...a.json.items);
    if (items.length >= a.json.total || a.json.items.length === 0) return items;
  }
}

// ---- the callers, the records and the private content of the demo ----------------------------

const ctx = { emails: EMAILS, password: PASSWORD };
for (const who of ['coach', 'admin', 'executive', 'senior']) ctx[who] = await login(EMAILS[who]);

// The coach's own sessions carry their notes; one of them on an active assignment is the
// record the cases aim at.
const coachSessions = await all('/api/sessions', ctx.coach);
for (const s of coachSessions.filter((x) => x.notes !== undefined)) {
  const a = await exchangeOne(req('GET', `/api/assignments/${s.assignment}`, { headers: as(ctx.coach, { csrf: false }) }));
  if (a?.json?.status === 'active') {
    ctx.session = s.id;
    ctx.assignment = s.assignment;
    break;
  }
}
assert.ok(ctx.session, 'the coach has a session on an active assignment');
const NOW = process.env.SALESCOACH_NOW ?? new Date().toISOString();
ctx.planned = coachSessions.find((s) => s.notes !== undefined && s.status === 'planned' && s.at > NOW)?.id;
assert.ok(ctx.planned, 'the coach has a planned session');

// Private coaching content as the coach reads it: no answer of the catalogue may hold any of it.
const PRIVATE = new Set();
for (const s of coachSessions) for (const f of ['agenda', 'notes', 'follow_up']) if (typeof s[f] === 'string') PRIVATE.add(s[f]);
for (const kind of ['actions', 'plans', 'observations', 'self-assessments']) {
  for (const item of await all(`/api/${kind}`, ctx.coach)) {
    for (const v of Object.values(item)) if (typeof v === 'string' && v.length >= 20 && v.includes(' ')) PRIVATE.add(v);
  }
}
const privateTexts = [...PRIVATE].filter((t) => t.length >= 12);
assert.ok(privateTexts.length >= 10, `the coach reads private content (${privateTexts.length} texts)`);

const before0 = snapshot(db);

// ---- the catalogue ------------------------------------------------------------------------------

const cases = catalogue(ctx).filter((c) => !ONLY || ONLY.has(c.group));
const groups = [...new Set(cases.map((c) => c.group))];
const expectations = (c) => (c.expect.none ? [] : Array.isArray(c.expect) ? c.expect : [c.expect]);

// The operations of the requests in what a case sends, in order: [method, target] or undefined.
function operations(c) {
  if (c.op === false) return [];
  if (c.op) return [openapi.operation(...c.op)];
  const steps = Array.isArray(c.send) ? c.send : [c.send];
  const text = steps.filter((s) => typeof s === 'string' || Buffer.isBuffer(s)).map((s) => s.toString('latin1')).join('');
  return [...text.matchAll(/(?:^|\r\n\r\n)([A-Z]+) (\/[^ \r\n]*) HTTP\/\d+\.\d+\r\n/g)].map(([, m, t]) =>
    openapi.operation(m === 'HEAD' ? 'GET' : m, t));
}

// Open n idle connections and wait until the server holds them.
async function holdConnections(n) {
  const socks = await Promise.all(Array.from({ length: n }, () => new Promise((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    s.on('connect', () => resolve(s));
    s.on('error', () => resolve(s));
  })));
  await new Promise((r) => setTimeout(r, 300));
  return socks;
}

async function run(c) {
  const exp = expectations(c);
  const noBody = exp.map((e) => !!e.head);
  const awaitClose = c.awaitClose || exp.some((e) => e.close === true);
  const held = c.hold ? await holdConnections(c.hold) : [];
  const alive = held.filter((s) => !s.destroyed).length;
  try {
    const result = await converse(port, Array.isArray(c.send) ? c.send : [c.send], {
      complete: c.expect.none ? null : (b) => finalCount(b, noBody) >= exp.length && (awaitClose ? 'close' : true),
      settle: 150,
      closeWait: c.closeWait ?? 2500,
      max: c.max ?? 6000,
    });
    result.held = alive;
    return result;
  } finally {
    for (const s of held) s.destroy();
  }
}

// ---- judging an answer --------------------------------------------------------------------------

const says = (e) => {
  if (e.none) return 'no answer, closed';
  let s = Array.isArray(e.status) ? e.status.join('|') : String(e.status);
  if (e.code) s += ' ' + e.code;
  if (e.field !== undefined) s += ` field=${e.field}`;
  if (e.interim) s = '100+' + s;
  if (e.head) s += ' (head)';
  if (e.close === true) s += ' close';
  if (e.close === false) s += ' kept';
  return s;
};
const expected = (c) => (c.expect.none ? says(c.expect) : expectations(c).map(says).join(', '));

function got(result, answers) {
  if (answers.length === 0) {
    return (result.bytes.length ? `${result.bytes.length} bytes that are no answer` : 'no answer') +
      (result.closed ? ', closed' : result.timedOut ? ', open (gave up)' : ', open');
  }
  const finals = answers.filter((a) => !a.interim);
  const parts = finals.map((a) => {
    let s = String(a.status);
    if (a.json?.error?.code) s += ' ' + a.json.error.code;
    if (a.json?.error && 'field' in a.json.error) s += ` field=${a.json.error.field}`;
    if (/close/i.test(a.headers.connection?.join(',') ?? '')) s += ' close';
    return s;
  });
  let s = (answers[0].interim ? '100+' : '') + parts.join(', ');
  s += result.closed ? (result.reset ? ' (reset)' : ' (closed)') : ' (open)';
  return s;
}

// What is wrong with one answer, as problems; doc: marks those of the document.
function judgeAnswer(e, a, op, last, result) {
  const p = [];
  const is = Array.isArray(e.status) ? e.status.includes(a.status) : a.status === e.status;
  if (!is) p.push(`status ${a.status}, not ${says({ status: e.status })}`);
  a.json = parseJson(a);
  const type = a.headers['content-type']?.[0];
  const bodyless = e.head || a.status === 204;
  if (a.framing !== 'length' && !bodyless) p.push(`no Content-Length (framing: ${a.framing})`);
  if (e.head && a.headers['content-length'] === undefined) p.push('HEAD without the Content-Length of GET');
  if (a.status >= 300 || e.code) {
    if (!/^application\/json(\s*;.*)?$/.test(type ?? '')) p.push(`Content-Type ${type ?? '(none)'}`);
    if (!e.head) {
      const err = a.json?.error;
      if (!a.json) p.push(`the body is not JSON: ${JSON.stringify(a.body.toString('latin1').slice(0, 80))}`);
      else if (Object.keys(a.json).join() !== 'error' || !err || typeof err !== 'object') p.push(`not {"error":{...}}: ${JSON.stringify(a.json).slice(0, 120)}`);
      else {
        const keys = Object.keys(err).sort().join();
        if (keys !== 'code,field,message') p.push(`error has ${keys}, not code, message, field`);
        if (e.code && err.code !== e.code) p.push(`code ${JSON.stringify(err.code)}, not "${e.code}"`);
        if (typeof err.message !== 'string' || err.message.trim() === '') p.push('the message is empty');
        else if (e.message && !e.message.test(err.message)) p.push(`the message ${JSON.stringify(err.message)} does not match ${e.message}`);
        if (!(err.field === null || typeof err.field === 'string')) p.push(`field ${JSON.stringify(err.field)} is neither a string nor null`);
        else if (e.field !== undefined && err.field !== e.field) p.push(`field ${JSON.stringify(err.field)}, not ${JSON.stringify(e.field)}`);
      }
      if (a.status >= 400 && a.json) p.push(...openapi.errorBody(a.json).map((x) => 'doc: ' + x));
    }
  }
  if (op) p.push(...openapi.conform(op, a.status, e.head ? undefined : a.json).map((x) => 'doc: ' + x));
  const conn = a.headers.connection?.join(',') ?? '';
  if (e.close === true) {
    if (!/\bclose\b/i.test(conn)) p.push('no Connection: close');
    if (last && !result.closed) p.push('the connection stayed open');
  }
  if (e.close === false) {
    if (/\bclose\b/i.test(conn)) p.push('Connection: close');
    if (last && result.closed) p.push('the connection was closed');
  }
  if (e.allow && !e.allow.test(a.headers.allow?.join(', ') ?? '')) p.push(`Allow ${a.headers.allow?.join(', ') ?? '(none)'}, not ${e.allow}`);
  if (e.retryAfter && !(Number(a.headers['retry-after']?.[0]) > 0)) p.push('no Retry-After');
  if (e.within) {
    const at = arrivedAt(result, a.offset);
    if (at < e.within[0] || at > e.within[1]) p.push(`answered after ${at} ms, not within ${e.within[0]}–${e.within[1]} ms`);
  }
  return p;
}

// Every problem of a case's exchange.
async function judge(c, result) {
  const exp = expectations(c);
  const parsed = parseAnswers(result.bytes, exp.map((e) => !!e.head));
  const { answers } = parsed;
  const finals = answers.filter((a) => !a.interim);
  const p = [];
  if (c.hold && result.held !== c.hold) p.push(`only ${result.held} of ${c.hold} held connections stayed open`);
  for (const a of answers) {
    const text = a.rawHead + a.body.toString('utf8');
    const leaked = privateTexts.find((t) => text.includes(t));
    if (leaked) p.push(`private coaching content in the answer: ${JSON.stringify(leaked.slice(0, 40))}…`);
  }
  if (c.expect.none) {
    if (result.bytes.length) p.push(`answered: ${JSON.stringify(result.bytes.toString('latin1').slice(0, 60))}`);
    if (!result.closed) p.push('the connection was not closed');
    else if (c.expect.within && (result.closedAfter < c.expect.within[0] || result.closedAfter > c.expect.within[1])) {
      p.push(`closed after ${result.closedAfter} ms, not within ${c.expect.within.join('–')} ms`);
    }
    return { p, answers };
  }
  const ops = operations(c);
  exp.forEach((e, i) => {
    const a = finals[i];
    if (!a) {
      p.push(`no answer #${i + 1}` + (parsed.error ? ` (${parsed.error})` : '') + (result.closed ? ', closed' : ', open'));
      return;
    }
    p.push(...judgeAnswer(e, a, ops[i], i === exp.length - 1, result).map((x) => (exp.length > 1 ? `#${i + 1}: ${x}` : x)));
    const from = i === 0 ? 0 : answers.indexOf(finals[i - 1]) + 1;
    const hadInterim = answers.slice(from, answers.indexOf(a)).some((x) => x.interim);
    if (e.interim === true && !hadInterim) p.push('no 100 Continue before the answer');
    if (e.interim === false && answers.some((x) => x.interim)) p.push('a 100 Continue came although the body is refused');
  });
  if (finals.length > exp.length) p.push(`${finals.length - exp.length} answer(s) more than requests answered: ${finals[exp.length].rawHead.split('\r\n')[0]}`);
  if (parsed.rest.length && finals.length >= exp.length) {
    p.push(`${parsed.rest.length} bytes after the end of the answer (its Content-Length): ${JSON.stringify(parsed.rest.toString('latin1').slice(0, 60))}`);
  }
  if (c.check && finals[0]) p.push(...await c.check(finals[0], { exchangeOne, result }));
  return { p, answers };
}

// ---- the run ------------------------------------------------------------------------------------

const verdicts = new Map(); // case -> {ok, doc only, line}
const created = { session: new Set() };

async function decide(c, result) {
  const { p, answers } = await judge(c, result);
  if (c.creates) {
    for (const a of answers) if (a.status >= 200 && a.status < 300 && a.json?.id) created[c.creates].add(a.json.id);
  }
  const v = {
    ok: p.length === 0,
    docOnly: p.length > 0 && p.every((x) => /^(#\d+: )?doc: /.test(x)),
    line: `${p.length === 0 ? 'PASS' : 'FAIL'}  ${c.group}/${c.name} — expected ${expected(c)} — got ${got(result, answers)}`,
    problems: p,
  };
  verdicts.set(c, v);
  return v;
}

function report(c) {
  const v = verdicts.get(c);
  console.log(v.line + v.problems.map((x) => `\n        - ${x}`).join(''));
  if (v.ok) return;
  // The problems alone: a stack trace would say nothing about the server.
  const err = new Error(`${c.group}/${c.name}: ${v.problems.join('; ')}`);
  err.stack = err.message;
  throw err;
}

async function pool(items, n, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) {
      const c = items[next++];
      await fn(c);
    }
  }));
}

// The slow cases wait for the server's deadlines: they start now and run beside the others.
const slowCases = cases.filter((c) => c.slow);
const slowRun = Promise.all(slowCases.map(async (c) => decide(c, await run(c))));

for (const g of groups) {
  const mine = cases.filter((c) => c.group === g);
  describe(g, () => {
    before(async () => {
      if (mine.every((c) => c.slow)) await slowRun;
      else if (mine.some((c) => c.hold)) for (const c of mine) await decide(c, await run(c)); // alone
      else await pool(mine, CONCURRENCY, async (c) => decide(c, await run(c)));
    });
    for (const c of mine) test(c.name, () => report(c));
  });
}

function describeChange(ch) {
  const id = ch.row.id ?? '?';
  if (ch.kind !== 'changed') return `#${id} ${JSON.stringify(ch.row).slice(0, 100)}`;
  const cols = Object.keys(ch.row).filter((k) => JSON.stringify(ch.row[k]) !== JSON.stringify(ch.before[k]));
  return `#${id} ` + cols.map((k) => `${k} ${JSON.stringify(ch.before[k])}→${JSON.stringify(ch.row[k])}`.slice(0, 80)).join(', ');
}

// ---- afterwards ----------------------------------------------------------------------------------

describe('afterwards', () => {
  before(() => slowRun);

  test('the server is alive and answers GET /api/health', async () => {
    assert.equal(server.proc.exitCode, null, 'the server exited: ' + server.output().slice(-2000));
    const a = await exchangeOne(req('GET', '/api/health'));
    assert.equal(a?.status, 200);
    assert.deepEqual(a.json, { status: 'ok' });
  });

  test('the database changed only by the requests meant to succeed', () => {
    const changes = diff(before0, snapshot(db));
    const unexpected = changes.filter((ch) => !(
      (ch.table === 'coaching_session' && ch.kind === 'added' && created.session.has(ch.row.id)) ||
      (ch.table === 'audit_log' && ch.kind === 'added' && ch.row.entity === 'session' && created.session.has(ch.row.record_id))));
    // By table and kind, with a few rows each: what changed in them.
    const by = new Map();
    for (const ch of unexpected) by.set(`${ch.kind} ${ch.table}`, [...(by.get(`${ch.kind} ${ch.table}`) ?? []), ch]);
    const lines = [...by].map(([k, chs]) => `DB    ${chs.length} ${k}: ` + chs.slice(0, 3).map(describeChange).join('; '));
    for (const l of lines) console.log(l);
    assert.equal(unexpected.length, 0, `${unexpected.length} unexpected changes:\n  ${lines.join('\n  ')}`);
  });

  test('summary', () => {
    const rows = groups.map((g) => {
      const vs = cases.filter((c) => c.group === g).map((c) => verdicts.get(c));
      const pass = vs.filter((v) => v.ok).length;
      const doc = vs.filter((v) => v.docOnly).length;
      return `${g.padEnd(10)} ${String(pass).padStart(3)} of ${String(vs.length).padStart(3)} pass` +
        (doc ? `, ${doc} fail only against docs/openapi.json` : '');
    });
    const pass = [...verdicts.values()].filter((v) => v.ok).length;
    console.log(`SUMMARY ${pass} of ${cases.length} cases pass\n  ` + rows.join('\n  '));
    assert.equal(verdicts.size, cases.length, 'every case was judged');
  });
});
