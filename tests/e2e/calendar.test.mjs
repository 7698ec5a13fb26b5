// Calendar feeds end to end (docs/calendar.md): a real server on the demo organisation, feeds
// made over the API and fetched without a login, every feed parsed by a real iCalendar parser
// (ical.js). A rep's feed has her sessions with her coach at the right times; a change of a
// planned session raises its SEQUENCE, a cancellation says STATUS:CANCELLED; someone who is not
// a party finds nothing of the session; no private text set on a session ever reaches a feed;
// a replaced or stopped address answers 404; the request log never holds the secret.
// Run by meson (tests/e2e/meson.build) with node --test; the server and the logins:
// harness.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { EMAILS, startDemo, login as logIn, openapiDocument } from './harness.mjs';

const LOGINS = {
  manager: EMAILS.manager, // coaches Lotte Mulder
  rep: EMAILS.rep,
  internal: EMAILS.internal, // no party to Lotte's sessions
  admin: EMAILS.admin,
};
// Private texts set on sessions in these tests: none may appear in any feed's bytes.
const SECRET_AGENDA = 'Privé-agenda: bespreken waarom de deal met Van Wijk misliep';
const SECRET_NOTES = 'Vertrouwelijke aantekening over Lotte haar motivatie';

let server, base, doc;

before(async () => {
  // The request log on: the test reads it for the secrets it must not hold.
  server = await startDemo('cal', { log: true });
  doc = openapiDocument();
  base = server.base;
});

after(() => server?.stop());

// The operation of the document that a concrete path and method are, and that the status is
// one it documents (or its default).
function documented(method, path, status) {
  const t = Object.keys(doc.paths).find((k) =>
    new RegExp('^' + k.replace(/\{[^}]+\}/g, '[^/]+') + '$').test(path.split('?')[0]));
  assert.ok(t, `${path} is not in the OpenAPI document`);
  const op = doc.paths[t][method.toLowerCase()];
  assert.ok(op, `${method} ${t} is not in the OpenAPI document`);
  assert.ok(String(status) in op.responses || 'default' in op.responses,
    `${method} ${t}: ${status} is not documented`);
}

async function call(method, path, { cookie, csrf, body } = {}) {
  const h = {};
  if (cookie) h.Cookie = cookie;
  if (csrf) h['X-CSRF-Token'] = csrf;
  if (body !== undefined) h['Content-Type'] = 'application/json';
  const r = await fetch(base + path, {
    method, headers: h, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  documented(method, path, r.status);
  const json = (r.headers.get('content-type') ?? '').startsWith('application/json');
  return { status: r.status, headers: r.headers, text, body: json && text ? JSON.parse(text) : text };
}

const sessions = {};
async function login(who) {
  if (sessions[who]) return sessions[who];
  const r = await logIn(base, LOGINS[who]);
  documented('POST', '/api/login', r.status);
  assert.equal(r.status, 200, `login of ${who}`);
  sessions[who] = { cookie: r.cookie, csrf: r.csrf };
  return sessions[who];
}

// Make (or replace) who's feed; returns the answer's body.
async function makeFeed(who) {
  const r = await call('POST', '/api/me/calendar', await login(who));
  assert.equal(r.status, 201);
  return r.body;
}

// Fetch a feed without any login: {status, text, events (by UID)}.
async function fetchFeed(url) {
  const r = await fetch(url);
  const text = await r.text();
  if (r.status !== 200) return { status: r.status, text };
  assert.equal(r.headers.get('content-type'), 'text/calendar; charset=utf-8');
  assert.equal(r.headers.get('cache-control'), 'no-store');
  const cal = new ICAL.Component(ICAL.parse(text));
  assert.equal(cal.name, 'vcalendar');
  const events = new Map();
  for (const v of cal.getAllSubcomponents('vevent')) {
    const e = new ICAL.Event(v);
    events.set(e.uid, {
      uid: e.uid,
      start: e.startDate.toJSDate().toISOString(),
      end: e.endDate.toJSDate().toISOString(),
      summary: e.summary,
      sequence: e.sequence,
      status: v.getFirstPropertyValue('status'),
      utc: e.startDate.zone === ICAL.Timezone.utcTimezone,
    });
  }
  return { status: r.status, text, events, name: cal.getFirstPropertyValue('x-wr-calname') };
}

// The UID of session id in the demo organisation (slug vandijk).
const uid = (id) => `session-${id}@salescoach-vandijk`;
const iso = (instant) => new Date(instant).toISOString();

// Lotte's planned sessions with Jeroen, as her coach reads them, earliest first.
async function plannedOfLotte() {
  const coach = await login('manager');
  const r = await call('GET', '/api/sessions?status=planned&order=at&limit=1000', coach);
  assert.equal(r.status, 200);
  const asg = await call('GET', '/api/assignments?limit=1000', coach);
  const people = await call('GET', '/api/people?limit=1000', coach);
  const lotte = people.body.items.find((p) => p.email === LOGINS.rep);
  const hers = new Set(asg.body.items.filter((a) => a.coachee === lotte.id).map((a) => a.id));
  return r.body.items.filter((s) => hers.has(s.assignment));
}

test('the rep\'s feed has her sessions with her coach, at their times, and nothing private', async () => {
  const made = await makeFeed('rep');
  assert.match(made.secret, /^[0-9a-f]{64}$/);
  assert.equal(made.url, `${base}/api/calendar/${made.secret}.ics`);
  assert.equal(made.path, `/api/calendar/${made.secret}.ics`);
  // GET tells whether there is a feed and since when, never the secret.
  const info = await call('GET', '/api/me/calendar', await login('rep'));
  assert.equal(info.status, 200);
  assert.deepEqual(info.body, { active: true, created_at: made.created_at });
  assert.ok(!info.text.includes(made.secret));

  const feed = await fetchFeed(made.url);
  assert.equal(feed.status, 200);
  assert.equal(feed.name, 'Coachingsessies van Lotte Mulder');
  const planned = await plannedOfLotte();
  assert.ok(planned.length >= 2, 'the demo plans sessions for Lotte');
  for (const s of planned) {
    const e = feed.events.get(uid(s.id));
    assert.ok(e, `session ${s.id} is in Lotte's feed`);
    assert.ok(e.utc, 'times are in UTC');
    assert.equal(e.start, iso(s.at));
    assert.equal(e.end, new Date(Date.parse(s.at) + s.minutes * 60000).toISOString());
    assert.match(e.summary, /met Jeroen Bakker$/);
    assert.equal(e.status, 'CONFIRMED');
    if (s.kind === 'ride_along') assert.match(e.summary, new RegExp(`^Meeloopdag bij ${s.customer} met`));
  }
  // In English when the address asks for it.
  const en = await fetchFeed(made.url + '?lang=en');
  assert.equal(en.name, 'Coaching sessions of Lotte Mulder');
  assert.match(en.events.get(uid(planned[0].id)).summary, /with Jeroen Bakker$/);
  assert.equal((await fetch(made.url + '?lang=fr')).status, 422);
  // The coach's feed has the same session, with the other party: Lotte.
  const coach = await fetchFeed((await makeFeed('manager')).url);
  const mine = coach.events.get(uid(planned[0].id));
  assert.ok(mine, 'the session is in the coach\'s feed');
  assert.match(mine.summary, /met Lotte Mulder$/);
  assert.equal(mine.start, feed.events.get(uid(planned[0].id)).start);
});

test('a changed planned session gets a higher SEQUENCE, a cancelled one STATUS:CANCELLED, and private text never shows', async () => {
  const coach = await login('manager');
  const [moved, cancelled] = await plannedOfLotte();
  const rep = await fetchFeed((await makeFeed('rep')).url);
  const before = rep.events.get(uid(moved.id));
  assert.ok(before);

  // Two hours later (the organisation's zone is Amsterdam: local time in, UTC out), with an
  // agenda; the other one cancelled, with notes.
  const later = new Date(Date.parse(moved.at) + 2 * 3600 * 1000);
  const local = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit',
  }).format(later).replace(' ', 'T');
  const p1 = await call('PATCH', `/api/sessions/${moved.id}`, { ...coach, body: { at: local, agenda: SECRET_AGENDA } });
  assert.equal(p1.status, 200, JSON.stringify(p1.body));
  const p2 = await call('PATCH', `/api/sessions/${cancelled.id}`, { ...coach, body: { status: 'cancelled', notes: SECRET_NOTES } });
  assert.equal(p2.status, 200, JSON.stringify(p2.body));

  const info = await call('GET', '/api/me/calendar', await login('rep'));
  assert.equal(info.body.active, true);
  const url = (await makeFeed('rep')).url;
  const after = await fetchFeed(url);
  const e = after.events.get(uid(moved.id));
  assert.equal(e.start, later.toISOString());
  assert.ok(e.sequence > before.sequence, `SEQUENCE ${e.sequence} after ${before.sequence}`);
  assert.equal(e.status, 'CONFIRMED');
  const c = after.events.get(uid(cancelled.id));
  assert.ok(c, 'a cancelled session stays in the feed, so that subscribers remove it');
  assert.equal(c.status, 'CANCELLED');
  assert.match(c.summary, /^Geannuleerd: /);
  assert.ok(c.sequence > rep.events.get(uid(cancelled.id)).sequence);

  // Again, later: a second change raises it again.
  const p3 = await call('PATCH', `/api/sessions/${moved.id}`, { ...coach, body: { minutes: moved.minutes + 15 } });
  assert.equal(p3.status, 200);
  const again = (await fetchFeed(url)).events.get(uid(moved.id));
  assert.ok(again.sequence > e.sequence);
  assert.equal(again.end, new Date(later.getTime() + (moved.minutes + 15) * 60000).toISOString());

  // No private text in any feed: the rep's, the coach's, or the one-session download.
  const coachFeed = await fetchFeed((await makeFeed('manager')).url);
  const one = await call('GET', `/api/sessions/${moved.id}/ics`, await login('rep'));
  for (const text of [after.text, coachFeed.text, one.text]) {
    for (const secret of [SECRET_AGENDA, SECRET_NOTES, 'Van Wijk', 'motivatie']) {
      assert.ok(!text.includes(secret), `"${secret}" is in a feed`);
    }
    assert.ok(!/^(DESCRIPTION|COMMENT|ATTACH)/m.test(text), 'an event carries only its times, title and status');
  }
});

test('someone who is not a party finds nothing of the session', async () => {
  const [s] = await plannedOfLotte();
  const other = await fetchFeed((await makeFeed('internal')).url);
  assert.equal(other.status, 200);
  assert.ok(!other.events.has(uid(s.id)));
  assert.ok(!other.text.includes('Lotte Mulder'));
  assert.ok(!other.text.includes(SECRET_AGENDA));
  // The administrator reads every session's activity, but is party to none.
  const admin = await fetchFeed((await makeFeed('admin')).url);
  assert.equal(admin.status, 200);
  assert.equal(admin.events.size, 0);
  // Nor may a non-party download the one session.
  const r = await call('GET', `/api/sessions/${s.id}/ics`, await login('internal'));
  assert.equal(r.status, 404);
  assert.equal(r.body.error.message, `er is geen sessie ${s.id} van u; een uitnodiging voor één sessie is alleen voor de coach en de coachee`);
});

test('one session downloads as an invitation with the feed\'s UID and times', async () => {
  const [s] = await plannedOfLotte();
  const r = await call('GET', `/api/sessions/${s.id}/ics`, await login('rep'));
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'text/calendar; charset=utf-8');
  assert.equal(r.headers.get('content-disposition'), `attachment; filename="session-${s.id}.ics"`);
  const cal = new ICAL.Component(ICAL.parse(r.text));
  const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  assert.equal(events.length, 1);
  assert.equal(events[0].uid, uid(s.id));
  assert.equal(events[0].startDate.toJSDate().toISOString(), iso(s.at));
  // Without a login: 401.
  const anon = await fetch(`${base}/api/sessions/${s.id}/ics`);
  assert.equal(anon.status, 401);
});

test('a replaced address answers 404, the new one works, and a stopped feed answers nothing', async () => {
  const rep = await login('rep');
  const first = await makeFeed('rep');
  assert.equal((await fetchFeed(first.url)).status, 200);
  const second = await makeFeed('rep');
  assert.notEqual(second.secret, first.secret);
  const old = await fetchFeed(first.url);
  assert.equal(old.status, 404);
  assert.ok(!old.text.includes('Lotte'));
  assert.equal((await fetchFeed(second.url)).status, 200);

  const stop = await call('DELETE', '/api/me/calendar', rep);
  assert.equal(stop.status, 204);
  assert.equal((await fetchFeed(second.url)).status, 404);
  const info = await call('GET', '/api/me/calendar', rep);
  assert.deepEqual(info.body, { active: false, created_at: null });
  const again = await call('DELETE', '/api/me/calendar', rep);
  assert.equal(again.status, 404);
  assert.equal(again.body.error.message,
    'u hebt geen agenda-abonnement; maak er een met `salescoach calendar rotate` of POST /api/me/calendar');
  // A change without the CSRF token is refused, and changes nothing.
  const noCsrf = await call('POST', '/api/me/calendar', { cookie: rep.cookie });
  assert.equal(noCsrf.status, 403);
  assert.equal((await call('GET', '/api/me/calendar', rep)).body.active, false);
  // The security log says what was done.
  const sec = await call('GET', '/api/me/security-log?limit=10', rep);
  const kinds = sec.body.items.map((e) => e.kind);
  assert.ok(kinds.includes('calendar_made') && kinds.includes('calendar_rotated') &&
    kinds.includes('calendar_stopped'), kinds.join(','));
  // Malformed addresses are unknown ones.
  for (const bad of ['abc.ics', `${second.secret}.ICS`, `${second.secret.toUpperCase()}.ics`, second.secret]) {
    assert.equal((await fetch(`${base}/api/calendar/${bad}`)).status, 404, bad);
  }
});

test('the request log never holds a feed\'s secret', async () => {
  const made = await makeFeed('rep');
  assert.equal((await fetchFeed(made.url)).status, 200);
  await new Promise((r) => setTimeout(r, 200));
  const log = server.log(); // what the server wrote to stderr: its request log
  assert.match(log, /"path":"\/api\/calendar\/\*\*\*\.ics","status":200/);
  assert.ok(!log.includes(made.secret));
  assert.doesNotMatch(log, /[0-9a-f]{32}/);
});
