// End-to-end tests of the exports (docs/export.md): a real server on the demo organisation,
// lists and reports asked for as CSV and XLSX, parsed back (CSV by the parser below, XLSX by
// exceljs) and compared with the API's JSON of the same list; and private coaching content
// proven absent from the exports of those who may not read it.
//
// The server and the logins: harness.mjs. Run by meson (tests/e2e/meson.build) with node --test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { EMAILS, PASSWORD, startDemo, setPassword, login as logIn } from './harness.mjs';

const ZONE = 'Europe/Amsterdam'; // the demo organisation's time zone
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const LOGINS = {
  admin: [EMAILS.admin, PASSWORD],
  manager: [EMAILS.manager, PASSWORD], // coaches his own team
  senior: [EMAILS.senior, PASSWORD], // a senior coach in Team Utrecht
  // Manager of Team Utrecht, whose reports Erik coaches: given a login in before().
  utrecht: ['mark.jansen@vandijk.example', 'utrecht-manager-pw'],
};

let server, base;
const sessions = {};

before(async () => {
  server = await startDemo('export', {
    prepare: (db) => {
      setPassword(db, ...LOGINS.utrecht);
      // A security log longer than an export holds (EXPORT_MAX_ROWS, 100,000 rows).
      execFileSync('sqlite3', [db, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
        WHERE i < 100001) INSERT INTO security_event (org_id, created_at, updated_at, person, at,
        kind, actor, detail) SELECT e.org_id, e.created_at, e.updated_at, e.person, e.at, e.kind,
        e.actor, e.detail FROM n, (SELECT * FROM security_event WHERE person =
        (SELECT id FROM person WHERE email = '${LOGINS.utrecht[0]}') LIMIT 1) e;`]);
    },
  });
  base = server.base;
});

after(() => server?.stop());

async function login(who) {
  if (sessions[who]) return sessions[who];
  const r = await logIn(base, ...LOGINS[who]);
  assert.equal(r.status, 200, `login of ${who}`);
  sessions[who] = r.cookie;
  return sessions[who];
}

// GET path as who: {status, headers, bytes (Buffer), text}.
async function get(who, path, headers = {}) {
  const r = await fetch(base + path, { headers: { Cookie: await login(who), ...headers } });
  const bytes = Buffer.from(await r.arrayBuffer());
  return { status: r.status, headers: r.headers, bytes, text: bytes.toString('utf8') };
}

async function json(who, path) {
  const r = await get(who, path);
  assert.equal(r.status, 200, `${path}: ${r.text.slice(0, 200)}`);
  return JSON.parse(r.text);
}

// ---- CSV as a spreadsheet reads it (RFC 4180) --------------------------------------------------

function parseCsv(text, sep) {
  const rows = [];
  let row = [], field = '', quoted = false, i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (ch === '"') { quoted = false; i++; continue; }
      field += ch; i++; continue;
    }
    if (ch === '"') { quoted = true; i++; continue; }
    if (ch === sep) { row.push(field); field = ''; i++; continue; }
    if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field); rows.push(row); row = []; field = ''; i += 2; continue;
    }
    assert.notEqual(ch, '\n', 'a bare LF outside quotes: lines end in CRLF');
    field += ch; i++;
  }
  assert.equal(field, '', 'the file ends with CRLF');
  assert.equal(row.length, 0);
  return rows;
}

// A stored UTC instant as the organisation reads it: "YYYY-MM-DD HH:MM:SS" in its zone.
function local(instant) {
  return new Date(instant).toLocaleString('sv-SE', { timeZone: ZONE }).replace('T', ' ');
}

const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

// What a CSV cell of the Dutch organisation holds for a JSON value.
function csvOf(v) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return String(v).replace('.', ',');
  if (INSTANT.test(v)) return local(v);
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

function csvRows(r) {
  assert.equal(r.status, 200, r.text.slice(0, 200));
  assert.equal(r.headers.get('content-type'), 'text/csv; charset=utf-8');
  assert.deepEqual([...r.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a BOM');
  return parseCsv(r.text.slice(1), ';'); // the Dutch organisation: ';' and decimal comma
}

// Every JSON item of a list, all pages.
async function allItems(who, path) {
  const sep = path.includes('?') ? '&' : '?';
  const items = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await json(who, `${path}${sep}limit=1000&offset=${offset}`);
    items.push(...page.items);
    if (items.length >= page.total) return items;
  }
}

// ---- tests ------------------------------------------------------------------------------------

test('sessions as CSV are the JSON list of the caller, cell by cell, with the organisation\'s style', async () => {
  const items = await allItems('manager', '/api/sessions');
  const r = await get('manager', '/api/sessions?format=csv');
  assert.equal(r.headers.get('content-disposition'), 'attachment; filename="sessions.csv"');
  assert.equal(r.headers.get('x-total-count'), String(items.length));
  const [header, ...rows] = csvRows(r);
  assert.deepEqual(header.slice(0, 6), ['id', 'assignment', 'kind', 'at', 'minutes', 'status']);
  assert.ok(header.includes('agenda') && header.includes('notes'));
  assert.equal(rows.length, items.length, 'an export holds every row, not one page');
  rows.forEach((row, i) => {
    header.forEach((name, c) => assert.equal(row[c], csvOf(items[i][name]),
      `session ${items[i].id}, ${name}`));
  });
  // The coach reads his own sessions' notes, so his export has them.
  const withNotes = items.filter((s) => typeof s.notes === 'string' && s.notes);
  assert.ok(withNotes.length > 0, 'the coach\'s sessions have notes');
  assert.ok(rows.some((row) => row[header.indexOf('notes')] === csvOf(withNotes[0].notes)));
});

test('an export takes the same filters as the list, and limit/offset when given', async () => {
  const page = await json('manager', '/api/sessions?status=planned&limit=1000');
  const rows = csvRows(await get('manager', '/api/sessions?status=planned&format=csv')).slice(1);
  assert.deepEqual(rows.map((r) => Number(r[0])), page.items.map((s) => s.id));
  const five = csvRows(await get('manager', '/api/sessions?format=csv&limit=5&offset=2')).slice(1);
  const same = await json('manager', '/api/sessions?limit=5&offset=2');
  assert.deepEqual(five.map((r) => Number(r[0])), same.items.map((s) => s.id));
});

test('Accept: text/csv asks for CSV, Accept: the XLSX type for a spreadsheet', async () => {
  const r = await get('manager', '/api/people?limit=3', { Accept: 'text/csv' });
  const rows = csvRows(r);
  assert.equal(r.headers.get('content-disposition'), 'attachment; filename="people.csv"');
  assert.equal(rows.length, 4); // the header and the page asked for
  assert.equal(rows[1][rows[0].indexOf('email')], 'annelies.devries@vandijk.example');
  const x = await get('manager', '/api/people', { Accept: XLSX });
  assert.equal(x.headers.get('content-type'), XLSX);
  assert.equal(x.headers.get('content-disposition'), 'attachment; filename="people.xlsx"');
  const j = await get('manager', '/api/people', { Accept: 'application/json' });
  assert.equal(j.headers.get('content-type'), 'application/json');
});

test('an unknown format is refused in the caller\'s language, saying which there are', async () => {
  const nl = await get('manager', '/api/sessions?format=pdf');
  assert.equal(nl.status, 422);
  const e = JSON.parse(nl.text).error;
  assert.equal(e.field, 'format');
  assert.equal(e.message, "het formaat 'pdf' bestaat niet: kies json, csv of xlsx");
  const en = await get('manager', '/api/alerts?format=pdf&lang=en');
  assert.equal(en.status, 422);
  assert.equal(JSON.parse(en.text).error.message, "format 'pdf' is not known: use json, csv or xlsx");
  const team = await get('manager', '/api/me/team?format=ods');
  assert.equal(team.status, 422);
});

// exceljs's value of a cell, as the JSON value it must be.
function xlsxOf(v, name, numFmt) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' && INSTANT.test(v)) {
    assert.equal(numFmt, 'yyyy-mm-dd hh:mm', `${name} is a date-time`);
    return new Date(local(v).replace(' ', 'T') + 'Z').getTime(); // exceljs reads dates as UTC
  }
  if (typeof v === 'string' && /^\d{4}-\d\d-\d\d$/.test(v)) {
    assert.equal(numFmt, 'yyyy-mm-dd', `${name} is a date`);
    return new Date(v + 'T00:00:00Z').getTime();
  }
  return v;
}

async function readXlsx(r) {
  assert.equal(r.status, 200, r.text.slice(0, 200));
  assert.equal(r.headers.get('content-type'), XLSX);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(r.bytes);
  return wb.worksheets[0];
}

test('sessions as XLSX: typed cells equal to the JSON, a bold frozen header, wide columns', async () => {
  const items = await allItems('manager', '/api/sessions');
  const ws = await readXlsx(await get('manager', '/api/sessions?format=xlsx'));
  const header = ws.getRow(1).values.slice(1);
  assert.deepEqual(header.slice(0, 4), ['id', 'assignment', 'kind', 'at']);
  assert.ok(ws.getRow(1).getCell(1).font?.bold, 'the header is bold');
  assert.equal(ws.views[0].state, 'frozen');
  assert.equal(ws.views[0].ySplit, 1);
  assert.ok(ws.getColumn(header.indexOf('at') + 1).width >= 16, 'a date-time fits its column');
  assert.equal(ws.rowCount, items.length + 1);
  items.forEach((s, i) => {
    const row = ws.getRow(i + 2);
    header.forEach((name, c) => {
      const cell = row.getCell(c + 1);
      let got = cell.value;
      if (got instanceof Date) got = got.getTime();
      assert.deepEqual(got ?? null, xlsxOf(s[name], name, cell.numFmt), `session ${s.id}, ${name}`);
    });
  });
  assert.equal(typeof ws.getRow(2).getCell(header.indexOf('minutes') + 1).value, 'number');
});

test('the coachee\'s manager and the administrator export sessions without private content; the coach with it', async () => {
  const coach = await allItems('senior', '/api/sessions');
  const notes = coach.map((s) => s.notes).filter((n) => typeof n === 'string' && n.length > 20);
  const agendas = coach.map((s) => s.agenda).filter((n) => typeof n === 'string' && n.length > 20);
  assert.ok(notes.length > 0 && agendas.length > 0, 'the senior coach reads notes and agendas');
  const coachCsv = (await get('senior', '/api/sessions?format=csv')).text;
  assert.ok(coachCsv.includes(notes[0].split('\n')[0]), 'the coach\'s export holds his notes');
  for (const who of ['utrecht', 'admin']) {
    const r = await get(who, '/api/sessions?format=csv');
    const [header, ...rows] = csvRows(r);
    const ids = new Set(rows.map((row) => Number(row[0])));
    assert.ok(coach.some((s) => ids.has(s.id)), `${who} sees the coach's sessions in the list`);
    for (const field of ['agenda', 'notes', 'follow_up']) {
      const c = header.indexOf(field);
      assert.ok(c > 0, `${field} is a column`);
      assert.ok(rows.every((row) => row[c] === ''), `${who}: ${field} is empty in every row`);
    }
    for (const text of [...notes, ...agendas]) {
      assert.ok(!r.text.includes(text.split('\n')[0]), `${who}'s CSV holds no private text`);
    }
    const ws = await readXlsx(await get(who, '/api/sessions?format=xlsx'));
    const xh = ws.getRow(1).values.slice(1);
    ws.eachRow((row, n) => {
      if (n === 1) return;
      for (const field of ['agenda', 'notes']) {
        assert.equal(row.getCell(xh.indexOf(field) + 1).value ?? null, null,
          `${who}: ${field} is an empty cell in the spreadsheet`);
      }
    });
  }
});

test('alerts as CSV and XLSX are the alerts of the JSON, one row each', async () => {
  const alerts = (await json('manager', '/api/alerts')).alerts;
  assert.ok(alerts.length > 0);
  const [header, ...rows] = csvRows(await get('manager', '/api/alerts?format=csv'));
  assert.deepEqual(header, ['id', 'rule', 'severity', 'model', 'team', 'programme', 'people',
    'facts', 'summary', 'mitigation', 'acknowledged']);
  assert.equal(rows.length, alerts.length);
  rows.forEach((row, i) => {
    const a = alerts[i];
    assert.equal(row[0], a.id);
    assert.equal(row[header.indexOf('summary')], csvOf(a.summary));
    assert.equal(row[header.indexOf('people')], a.people.map((p) => p.name).join(', '));
    for (const [k, v] of Object.entries(a.facts)) {
      assert.ok(row[header.indexOf('facts')].includes(`${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`));
    }
  });
  const ws = await readXlsx(await get('manager', '/api/alerts?format=xlsx'));
  assert.equal(ws.rowCount, alerts.length + 1);
  assert.equal(ws.getRow(2).getCell(1).value, alerts[0].id);
});

test('the manager\'s team as CSV: a row per person, nested objects as columns of their own', async () => {
  const team = await json('manager', '/api/me/team');
  const r = await get('manager', '/api/me/team?format=csv');
  assert.equal(r.headers.get('content-disposition'), 'attachment; filename="team.csv"');
  const [header, ...rows] = csvRows(r);
  assert.deepEqual(header.slice(0, 5), ['id', 'name', 'title', 'team.id', 'team.name']);
  assert.ok(header.includes('next_session.at') && !header.includes('next_session'));
  assert.equal(rows.length, team.people.length);
  rows.forEach((row, i) => {
    const p = team.people[i];
    assert.equal(row[header.indexOf('name')], p.name);
    assert.equal(row[header.indexOf('team.name')], p.team.name);
    assert.equal(row[header.indexOf('sessions_held')], String(p.sessions_held));
    assert.equal(row[header.indexOf('last_session.at')], csvOf(p.last_session?.at));
    assert.equal(row[header.indexOf('coaches')], p.coaches.map((c) => c.name).join(', '));
  });
});

test('the audit log exports as XLSX for the administrator', async () => {
  const page = await json('admin', '/api/audit-log?limit=1000');
  const r = await get('admin', '/api/audit-log?format=xlsx');
  assert.equal(r.headers.get('content-disposition'), 'attachment; filename="audit-log.xlsx"');
  const ws = await readXlsx(r);
  assert.equal(ws.rowCount - 1, Math.min(page.total, Number(r.headers.get('x-total-count'))));
  assert.equal(ws.getRow(2).getCell(1).value, page.items[0].id);
});

test('the programme report as CSV: its programmes, figures in the decimal comma, suppressed ones empty', async () => {
  const LOGIN = ['annelies.devries@vandijk.example', PASSWORD];
  LOGINS.executive = LOGIN;
  const report = await json('executive', '/api/reports/programmes');
  const r = await get('executive', '/api/reports/programmes?format=csv');
  assert.equal(r.headers.get('content-disposition'), 'attachment; filename="programmes.csv"');
  const [header, ...rows] = csvRows(r);
  assert.equal(rows.length, report.programmes.length);
  rows.forEach((row, i) => {
    const p = report.programmes[i];
    assert.equal(row[header.indexOf('team.name')], p.team.name);
    for (const k of ['coachees', 'sessions_held', 'hours_held', 'mean_feedback', 'suppressed']) {
      assert.equal(row[header.indexOf(k)], csvOf(p[k]), `programme ${p.id}, ${k}`);
    }
  });
  assert.ok(rows.some((row) => row[header.indexOf('mean_feedback')].includes(',')));
});

test('a log longer than an export holds is refused before it is read; a part of it is exported', async () => {
  // Mark Jansen's security log has over 100,000 entries.
  const all = await get('utrecht', '/api/me/security-log?format=csv');
  assert.equal(all.status, 422, all.text.slice(0, 200));
  const e = JSON.parse(all.text).error;
  assert.equal(e.field, 'limit');
  assert.match(e.message, /^een export bevat hoogstens 100\.000 regels en deze zou er 100\.002 bevatten: beperk hem met filters of from\/to, of exporteer hem in delen met limit en offset$/);
  const en = await get('utrecht', '/api/me/security-log?format=xlsx&lang=en');
  assert.equal(en.status, 422);
  assert.match(JSON.parse(en.text).error.message, /^an export holds at most 100,000 rows and this one would hold 100,002: /);
  // limit and offset take a part of it; the JSON list still answers its page.
  const part = csvRows(await get('utrecht', '/api/me/security-log?format=csv&limit=10&offset=5'));
  assert.deepEqual(part[0].slice(0, 3), ['id', 'person', 'at']);
  assert.equal(part.length, 11);
  const page = await json('utrecht', '/api/me/security-log');
  assert.ok(page.total > 100000);
  assert.equal(page.items.length, 100);
  // A few entries less than the cap: the whole log, as the offset leaves it.
  const rest = await get('utrecht', `/api/me/security-log?format=csv&offset=${page.total - 100000}`);
  assert.equal(rest.status, 200, rest.text.slice(0, 200));
  assert.equal(csvRows(rest).length, 100001);
});
