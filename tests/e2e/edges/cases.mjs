// The catalogue of malformed and edge-case requests: what is sent, byte for byte, and the
// answer the contract promises. Every refusal has the same body,
//   {"error": {"code": C, "message": "a sentence", "field": F or null}}
// with Content-Type: application/json; the server layer's refusals (400 bad_request, 408,
// 413 before the body, 414, 431, 505, 503) also say Connection: close and close.
//
// A case:
//   group, name   EDGES_GROUP=group runs one group (comma-separated: several)
//   send          a request as bytes, or steps of wire.mjs's converse()
//   expect        one answer, or an array of answers in order (pipelining), or NONE:
//                   status   a number or an array of the numbers allowed
//                   code     error.code (refusals); field: error.field when given (null or
//                            a name); message: a RegExp the message matches
//                   close    true: Connection: close and the server closes;
//                            false: the connection stays open; undefined: not checked
//                   head     the answer is to HEAD: headers only
//                   interim  a 100 Continue comes first (false: it must not come)
//                   allow    a RegExp that the Allow header matches (405)
//                   retryAfter  a Retry-After header (429)
//                   within   [from, to] ms after connecting in which the answer comes
//   op            [method, target] of the document's operation to conform to (default:
//                 read from the request line; false: none)
//   creates       a 2xx answer adds this kind of record (allowed in the database check)
//   check         async (answer, tools) => [problems], for what the fields cannot say
//   max, closeWait   ms to wait for the whole exchange / for the close after the answer
//   slow          waits for a server deadline (~10 s): run alongside the other groups
//   hold          open this many idle connections first, keep them during the case
import { req, head, json, chunked, as, CRLF, JSON_TYPE } from './request.mjs';

export const NONE = Object.freeze({ none: true });

const KiB = 1024;
const MiB = 1024 * KiB;

const proto = (status, code, more = {}) => ({ status, code, close: true, ...more });
const bad = (more) => proto(400, 'bad_request', more);
const api = (status, code, more = {}) => ({ status, code, ...more });
const ok = (status = 200, more = {}) => ({ status, ...more });

// The catalogue, for the callers and records of ctx:
//   ctx.coach, ctx.admin, ctx.executive, ctx.senior: {cookie, csrf}
//   ctx.assignment  an active assignment of ctx.coach's, ctx.session a session of it,
//                   ctx.planned a planned session of ctx.coach's in the future
//   ctx.emails.*    demo logins
export function catalogue(ctx) {
  const { coach, admin, executive, senior } = ctx;
  const N = ctx.session;
  const session = (at, more = {}) =>
    json({ assignment: ctx.assignment, kind: 'one_to_one', at, minutes: 60, ...more });
  const asCoach = [...as(coach), JSON_TYPE];
  const asAdmin = [...as(admin), JSON_TYPE];
  const post = (target, body, headers = asAdmin) => req('POST', target, { headers, body });
  const coachCookie = as(coach, { csrf: false });
  const get = (target, headers = coachCookie) => req('GET', target, { headers });
  const cases = [];
  const add = (group, rows) => {
    for (const [name, send, expect, more = {}] of rows) cases.push({ group, name, send, expect, ...more });
  };

  // ---- the request line --------------------------------------------------------------------
  const tlsHello = Buffer.from(
    '160301010001000100fd0303' + 'a5'.repeat(32) + '20' + '00'.repeat(32) + '0026c02bc02f' + '0d0a0d0a', 'hex');
  add('line', [
    ['binary garbage (a TLS ClientHello)', tlsHello, bad()],
    ['GARBAGE', `GARBAGE${CRLF}${CRLF}`, bad()],
    ['HTTP/0.9 request line', `GET /${CRLF}${CRLF}`, bad()],
    ['HTTP/0.9 request line to the API', `GET /api/health${CRLF}${CRLF}`, bad()],
    ['no version after a space', `GET /api/me ${CRLF}Host: x${CRLF}${CRLF}`, bad()],
    ['a word after the version', `GET /api/me HTTP/1.1 extra${CRLF}Host: x${CRLF}${CRLF}`, bad()],
    ['target without a leading slash', req('GET', 'api/health'), bad()],
    ['target *', req('GET', '*'), bad()],
    ['target in absolute form', req('GET', 'http://edges.test/api/health'), bad()],
    ['method not a token: G(T', req('G(T', '/'), bad()],
    ['method not a token: G@T', req('G@T', '/api/me'), bad()],
    ['empty method', ` /api/me HTTP/1.1${CRLF}Host: x${CRLF}${CRLF}`, bad()],
    ['version in lower case', req('GET', '/api/me', { version: 'http/1.1' }), bad()],
    ['version HTTP/1', req('GET', '/api/me', { version: 'HTTP/1' }), bad()],
    ['version HTTP/1.10', req('GET', '/api/me', { version: 'HTTP/1.10' }), bad()],
    ['version HTTP/11.1', req('GET', '/api/me', { version: 'HTTP/11.1' }), bad()],
    ['NUL in the target', req('GET', '/api/he\0alth'), bad()],
    ['control character 0x01 in the target', req('GET', '/api/he\x01alth'), bad()],
    ['DEL in the target', req('GET', '/api/he\x7falth'), bad()],
    ['tab between method and target', `GET\t/api/me HTTP/1.1${CRLF}Host: x${CRLF}${CRLF}`, bad()],
    ['request line ended by a bare LF', `GET /api/me HTTP/1.1\nHost: x${CRLF}${CRLF}`, bad()],
    ['every line ended by a bare LF', 'GET /api/me HTTP/1.1\nHost: x\n\n', bad()],
    ['bare CR in the request line', `GET /api/me HTTP/1.1\rHost: x${CRLF}${CRLF}`, bad()],
  ]);

  // ---- the version -------------------------------------------------------------------------
  const vers = (v) => req('GET', '/api/me', { version: v });
  add('version', [
    ['HTTP/3.7', vers('HTTP/3.7'), proto(505, 'version_not_supported')],
    ['HTTP/2.0 in a request line', vers('HTTP/2.0'), proto(505, 'version_not_supported')],
    ['HTTP/1.2', vers('HTTP/1.2'), proto(505, 'version_not_supported')],
    ['HTTP/0.9 written out', vers('HTTP/0.9'), proto(505, 'version_not_supported')],
    ['HTTP/9.9', vers('HTTP/9.9'), proto(505, 'version_not_supported')],
    ['HTTP/1.0 without Host is served', req('GET', '/api/health', { version: 'HTTP/1.0', host: null }), ok()],
    ['HTTP/2 preface: no answer, closed', `PRI * HTTP/2.0${CRLF}${CRLF}SM${CRLF}${CRLF}`, NONE],
  ]);

  // ---- header lines ------------------------------------------------------------------------
  const hdr = (...lines) => req('GET', '/api/me', { headers: lines });
  add('headers', [
    ['a header line without a colon', hdr('NoColonHere'), bad()],
    ['a space before the colon', hdr('X-Edge : 1'), bad()],
    ['a tab before the colon', hdr('X-Edge\t: 1'), bad()],
    ['obsolete line folding (space)', hdr('X-Edge: a', '  b'), bad()],
    ['obsolete line folding (tab)', hdr('X-Edge: a', '\tb'), bad()],
    ['a folded first header line', `GET /api/me HTTP/1.1${CRLF} X-Edge: 1${CRLF}Host: x${CRLF}${CRLF}`, bad()],
    ['NUL in a header value', hdr('X-Edge: a\0b'), bad()],
    ['NUL in a header name', hdr('X-E\0dge: 1'), bad()],
    ['control character 0x01 in a value', hdr('X-Edge: a\x01b'), bad()],
    ['ESC in a value', hdr('X-Edge: \x1b[31mred'), bad()],
    ['DEL in a value', hdr('X-Edge: a\x7fb'), bad()],
    ['bare CR in a value', hdr('X-Edge: a\rb'), bad()],
    ['a header line ended by a bare LF', `GET /api/me HTTP/1.1${CRLF}Host: x\nX-Edge: 1${CRLF}${CRLF}`, bad()],
    ['the head ended by a bare LF', `GET /api/me HTTP/1.1${CRLF}Host: x${CRLF}\n`, bad()],
    ['an empty header name', hdr(': value'), bad()],
    ['a space inside a header name', hdr('X Edge: 1'), bad()],
    ['HTTP/1.1 without Host', req('GET', '/api/me', { host: null }), bad()],
    ['two Host headers', hdr('Host: other.test'), bad()],
    ['a tab inside a value is allowed', req('GET', '/api/health', { headers: ['X-Edge: a\tb'] }), ok()],
  ]);

  // ---- where the body ends -----------------------------------------------------------------
  const framed = (...lines) => req('POST', '/api/teams', { headers: [JSON_TYPE, ...lines], body: '{"name":"Edge"}', length: false });
  add('framing', [
    ['Content-Length: -1', framed('Content-Length: -1'), bad()],
    ['Content-Length: abc', framed('Content-Length: abc'), bad()],
    ['Content-Length: +5', framed('Content-Length: +5'), bad()],
    ['Content-Length empty', framed('Content-Length:'), bad()],
    ['Content-Length: 99999999999999999999999', framed('Content-Length: 99999999999999999999999'), bad()],
    ['Content-Length: 0x10', framed('Content-Length: 0x10'), bad()],
    ['Content-Length: 1e3', framed('Content-Length: 1e3'), bad()],
    ['Content-Length: 1 5', framed('Content-Length: 1 5'), bad()],
    ['Content-Length: 15.0', framed('Content-Length: 15.0'), bad()],
    ['two Content-Length with different values', framed('Content-Length: 15', 'Content-Length: 16'), bad()],
    ['Content-Length: 15, 16', framed('Content-Length: 15, 16'), bad()],
    ['Transfer-Encoding beside Content-Length', framed('Content-Length: 15', 'Transfer-Encoding: chunked'), bad()],
    ['Content-Length after Transfer-Encoding', framed('Transfer-Encoding: chunked', 'Content-Length: 15'), bad()],
    ['Transfer-Encoding: gzip', framed('Transfer-Encoding: gzip'), bad()],
    ['Transfer-Encoding: chunked, chunked', framed('Transfer-Encoding: chunked, chunked'), bad()],
    ['two Transfer-Encoding: chunked headers', framed('Transfer-Encoding: chunked', 'Transfer-Encoding: chunked'), bad()],
    ['Transfer-Encoding: identity', framed('Transfer-Encoding: identity'), bad()],
    ['Transfer-Encoding: gzip, chunked', framed('Transfer-Encoding: gzip, chunked'), bad()],
    ['Transfer-Encoding empty', framed('Transfer-Encoding:'), bad()],
  ]);

  // ---- chunked bodies ----------------------------------------------------------------------
  const te = (body, headers = [JSON_TYPE]) => req('POST', '/api/teams', { headers: [...headers, 'Transfer-Encoding: chunked'], body, length: false });
  add('chunked', [
    ['chunk size zz', te(`zz${CRLF}{"name":"Edge"}${CRLF}0${CRLF}${CRLF}`), bad()],
    ['no CRLF after the chunk data', te(`f${CRLF}{"name":"Edge"}XX0${CRLF}${CRLF}`), bad()],
    ['negative chunk size', te(`-f${CRLF}{"name":"Edge"}${CRLF}0${CRLF}${CRLF}`), bad()],
    ['chunk size of 21 hex digits', te(`1${'0'.repeat(20)}${CRLF}{"name":"Edge"}${CRLF}0${CRLF}${CRLF}`), bad()],
    ['chunk size ffffffffffffffff', te(`ffffffffffffffff${CRLF}{"name":"Edge"}${CRLF}0${CRLF}${CRLF}`), bad()],
    ['chunk size 0x5', te(`0x5${CRLF}hello${CRLF}0${CRLF}${CRLF}`), bad()],
    ['empty chunk size', te(`${CRLF}hello${CRLF}0${CRLF}${CRLF}`), bad()],
    ['a valid chunked body reaches the API', te(chunked('{"name":', '12}'), asAdmin), api(422, 'invalid', { field: 'name' })],
  ]);

  // ---- sizes -------------------------------------------------------------------------------
  const pad = (n) => 'a'.repeat(n);
  const fields = (n) => Array.from({ length: n }, (_, i) => `X-F${i}: ${i}`);
  const bigChunks = Array.from({ length: 17 }, () => `10000${CRLF}${pad(64 * KiB)}${CRLF}`);
  add('limits', [
    ['Content-Length one byte over 1 MiB', head('POST', '/api/teams', { headers: [...asAdmin, `Content-Length: ${MiB + 1}`] }) + '{"name":"Huge',
      proto(413, 'too_large')],
    ['Content-Length 2 MiB', head('POST', '/api/teams', { headers: [...asAdmin, `Content-Length: ${2 * MiB}`] }) + '{"name":"Huge',
      proto(413, 'too_large')],
    ['a body of exactly 1 MiB is read', post('/api/teams', '{"name":12}' + ' '.repeat(MiB - 11)),
      api(422, 'invalid', { field: 'name' }), { max: 15000 }],
    // Found too large while it is read, not before: Connection: close is not promised.
    ['a chunked body over 1 MiB', [head('POST', '/api/teams', { headers: [...asAdmin, 'Transfer-Encoding: chunked'] }),
      { pieces: [...bigChunks, `0${CRLF}${CRLF}`], stopOnAnswer: true }], api(413, 'too_large'), { max: 15000 }],
    ['a request line over 8 KiB', req('GET', '/api/people?name=' + pad(8300), { headers: as(admin, { csrf: false }) }),
      proto(414, 'uri_too_long')],
    ['a request line under 8 KiB is read', get('/api/' + pad(8000)), api(404, 'not_found')],
    ['a head over 16 KiB', req('GET', '/api/me', { headers: [`X-Pad: ${pad(17 * KiB)}`] }), proto(431, 'headers_too_large')],
    ['a head of 15 KiB is read', req('GET', '/api/health', { headers: [`X-Pad: ${pad(15 * KiB)}`] }), ok()],
    ['3,000 small headers', req('GET', '/api/me', { headers: fields(3000) }), proto(431, 'headers_too_large')],
    ['101 header fields', req('GET', '/api/me', { headers: fields(100) }), proto(431, 'headers_too_large')],
    ['100 header fields are read', req('GET', '/api/health', { headers: fields(99) }), ok()],
  ]);

  // ---- HEAD ----------------------------------------------------------------------------------
  add('head', [
    ['HEAD /api/health', req('HEAD', '/api/health'), ok(200, { head: true }),
      { check: sameAsGet(req('GET', '/api/health')) }],
    ['HEAD on an unknown path', req('HEAD', '/api/nothing-here', { headers: coachCookie }), api(404, 'not_found', { head: true }),
      { check: sameAsGet(get('/api/nothing-here')) }],
    ['HEAD /api/me without a login', req('HEAD', '/api/me'), api(401, 'unauthorized', { head: true }),
      { check: sameAsGet(req('GET', '/api/me')) }],
  ]);

  // ---- Expect: 100-continue ------------------------------------------------------------------
  const small = '{"name":12}';
  add('expect', [
    ['100 Continue, then the answer', [head('POST', '/api/teams', { headers: [...asAdmin, 'Expect: 100-continue', `Content-Length: ${small.length}`] }),
      { until: /^HTTP\/1\.1 100/, max: 3000 }, small], api(422, 'invalid', { field: 'name', interim: true })],
    ['over 1 MiB: 413 without 100', [head('POST', '/api/teams', { headers: [...asAdmin, 'Expect: 100-continue', `Content-Length: ${2 * MiB}`] })],
      proto(413, 'too_large', { interim: false })],
  ]);

  // ---- several requests on one connection -----------------------------------------------------
  add('keepalive', [
    ['two requests in one write, answered in order', req('GET', '/api/health') + get('/api/nothing-here'),
      [ok(200, { close: false }), api(404, 'not_found', { close: false })]],
    ['GET, HEAD and a refusal in one write', req('GET', '/api/health') + req('HEAD', '/api/health') + req('GET', '/api/me'),
      [ok(), ok(200, { head: true }), api(401, 'unauthorized', { close: false })]],
    ['a refused body keeps the connection', post('/api/teams', '{') + req('GET', '/api/health'),
      [api(400, 'invalid', { field: null }), ok(200, { close: false })]],
    ['nothing after a 505', vers('HTTP/2.0') + req('GET', '/api/health'), [proto(505, 'version_not_supported')]],
    ['nothing after Content-Length: -1', framed('Content-Length: -1') + req('GET', '/api/health'), [bad()]],
    // The refusal answers the garbage, which is no operation of the document.
    ['nothing after a garbage line', `GARBAGE${CRLF}${CRLF}` + req('GET', '/api/health'), [bad()], { op: false }],
    ['Connection: close is honoured', req('GET', '/api/health', { headers: ['Connection: close'] }), ok(),
      { awaitClose: true, check: closedWithin(0, 3000) }],
  ]);

  // ---- query strings -------------------------------------------------------------------------
  const adminGet = (t) => get(t, as(admin, { csrf: false }));
  add('query', [
    ['1,000 repeated parameters', get('/api/sessions?' + Array(1000).fill('a=1').join('&')), api(422, 'invalid', { close: false })],
    ['limit twice', adminGet('/api/people?limit=1&limit=2'), api(422, 'invalid', { field: 'limit' })],
    ['a value that is not UTF-8', adminGet('/api/people?name=%ff%fe'), api(422, 'invalid', { field: 'name', message: /UTF-8/i })],
    ['a parameter name that is not UTF-8', get('/api/sessions?%ff=1'), api(422, 'invalid', { message: /UTF-8/i })],
    ['an overlong UTF-8 value', adminGet('/api/people?name=%c0%af'), api(422, 'invalid', { field: 'name', message: /UTF-8/i })],
    ['a surrogate in UTF-8', adminGet('/api/people?name=%ed%a0%80'), api(422, 'invalid', { field: 'name', message: /UTF-8/i })],
    ['NUL in a value', adminGet('/api/people?name=a%00b'), api(422, 'invalid', { field: 'name' })],
    ['limit=0', adminGet('/api/people?limit=0'), api(422, 'invalid', { field: 'limit' })],
    ['limit=1001', adminGet('/api/people?limit=1001'), api(422, 'invalid', { field: 'limit' })],
    ['limit=ten', adminGet('/api/people?limit=ten'), api(422, 'invalid', { field: 'limit' })],
    ['limit=+5', adminGet('/api/people?limit=%2B5'), api(422, 'invalid', { field: 'limit' })],
    ['limit of 20 digits', adminGet('/api/people?limit=99999999999999999999'), api(422, 'invalid', { field: 'limit' })],
    ['offset=-1', adminGet('/api/people?offset=-1'), api(422, 'invalid', { field: 'offset' })],
    ['order by an unknown field', adminGet('/api/people?order=salary'), api(422, 'invalid', { field: 'order' })],
    ['order by a private field', get('/api/sessions?order=notes'), api(422, 'invalid', { field: 'order' })],
    ['desc=maybe', adminGet('/api/people?desc=maybe'), api(422, 'invalid', { field: 'desc' })],
    ['an unknown parameter', adminGet('/api/people?colour=red'), api(422, 'invalid', { field: 'colour' })],
    ['a private field as a filter', get('/api/sessions?notes=x'), api(422, 'invalid', { field: 'notes' })],
    ['lang=fr', adminGet('/api/people?lang=fr'), api(422, 'invalid', { field: 'lang' })],
    ['a filter of the wrong type', adminGet('/api/people?active=maybe'), api(422, 'invalid', { field: 'active' })],
  ]);

  // ---- the media type of a body ----------------------------------------------------------------
  const typed = (target, body, type, who = coach, method = 'POST') =>
    req(method, target, { headers: [...(who ? as(who) : []), ...(type === null ? [] : [`Content-Type: ${type}`])], body });
  const loginBody = json({ email: ctx.emails.rep, password: ctx.password });
  const unsupported = api(415, 'unsupported_media_type');
  add('media', [
    ['text/plain to POST /api/sessions', typed('/api/sessions', session('2026-12-14T10:00'), 'text/plain'), unsupported],
    ['no Content-Type to POST /api/sessions', typed('/api/sessions', session('2026-12-14T10:00'), null), unsupported],
    ['a form to POST /api/sessions', typed('/api/sessions', session('2026-12-14T10:00'), 'application/x-www-form-urlencoded'), unsupported],
    ['application/jsonx to POST /api/sessions', typed('/api/sessions', session('2026-12-14T10:00'), 'application/jsonx'), unsupported],
    ['application/json; charset=utf-8 is taken', typed('/api/sessions', session('2026-12-15T10:00'), 'application/json; charset=utf-8'),
      ok([201, 422]), { creates: 'session' }],
    ['text/plain to PATCH /api/sessions/{id}', typed(`/api/sessions/${N}`, json({ minutes: 45 }), 'text/plain', coach, 'PATCH'), unsupported],
    ['text/plain to POST /api/teams', typed('/api/teams', json({ name: 'Team Edge' }), 'text/plain', admin), unsupported],
    ['text/plain to POST /api/login', typed('/api/login', loginBody, 'text/plain', null), unsupported],
    ['a form to POST /api/login', typed('/api/login', loginBody, 'application/x-www-form-urlencoded', null), unsupported],
    ['multipart to POST /api/login', typed('/api/login', loginBody, 'multipart/form-data; boundary=x', null), unsupported],
    ['no Content-Type to POST /api/login', typed('/api/login', loginBody, null, null), unsupported],
  ]);

  // ---- local times around the changes of Europe/Amsterdam ----------------------------------------
  // In Dutch: the language of the demo organisation.
  const gap = { field: 'at', message: /bestaat niet/i };
  const twice = { field: 'at', message: /afwijking van UTC/i };
  add('time', [
    ['2027-03-28T02:30 does not exist', post('/api/sessions', session('2027-03-28T02:30'), asCoach), api(422, 'invalid', gap)],
    ['2027-03-28T02:00 does not exist', post('/api/sessions', session('2027-03-28T02:00'), asCoach), api(422, 'invalid', gap)],
    ['2027-03-28T02:59:59 does not exist', post('/api/sessions', session('2027-03-28T02:59:59'), asCoach), api(422, 'invalid', gap)],
    ['2026-10-25T02:30 is ambiguous', post('/api/sessions', session('2026-10-25T02:30'), asCoach), api(422, 'invalid', twice)],
    ['2026-10-25T02:00 is ambiguous', post('/api/sessions', session('2026-10-25T02:00'), asCoach), api(422, 'invalid', twice)],
    ['2026-10-25T02:30+02:00 is taken', post('/api/sessions', session('2026-10-25T02:30+02:00'), asCoach), ok(201), { creates: 'session' }],
    ['PATCH at into the spring gap', req('PATCH', `/api/sessions/${ctx.planned}`, { headers: asCoach, body: json({ at: '2027-03-28T02:30' }) }),
      api(422, 'invalid', gap)],
    ['PATCH at to the ambiguous hour', req('PATCH', `/api/sessions/${ctx.planned}`, { headers: asCoach, body: json({ at: '2026-10-25T02:30' }) }),
      api(422, 'invalid', twice)],
  ]);

  // ---- one spelling per resource ---------------------------------------------------------------------
  const pct = String(N).split('').map((d) => '%3' + d).join('');
  const notFound = api(404, 'not_found');
  add('spelling', [
    '/api//sessions', '/api/sessions/', `/api/sessions/+${N}`, `/api/sessions/${pct}`, `/api/sessions/0${N}`,
    '/api/./sessions', '/api/sessions/../people', '//api/sessions', `/api/sessions/${N}/`, '/api/Sessions',
    '/API/sessions', `/api/sessions/${N}.0`, `/api/sessions/${N}e0`, `/api/sessions/0x${N.toString(16)}`,
    `/api/sessions/%20${N}`, '/api/sessions/-1', '/api/sessions/0', '/api/sessions/99999999999999999999',
    '/api/sessions;x', `/api/sessions%2F${N}`, '/api/%73essions', '/api/health/', '/api/me/',
  ].map((t) => [t, get(t), notFound, { check: noRedirect }]));

  // ---- every documented status -------------------------------------------------------------------------
  add('status', [
    ['unknown route', get('/api/nothing-here'), api(404, 'not_found')],
    // Outside /api/ is the web interface: any page's address opens it, a missing file is 404.
    ['a page of the web interface', req('GET', '/elsewhere'), ok(200)],
    ['the root', req('GET', '/'), ok(200)],
    ['a missing file of the web interface', req('GET', '/assets/none.js'), api(404, 'not_found')],
    ['a change sent to the web interface', req('POST', '/sessions', { body: '{}' }),
      api(405, 'method_not_allowed', { allow: /^GET, HEAD$/ })],
    ['DELETE /api/health', req('DELETE', '/api/health'), api(405, 'method_not_allowed', { allow: /^GET$/ })],
    ['PUT /api/sessions', req('PUT', '/api/sessions', { headers: asCoach, body: '{}' }),
      api(405, 'method_not_allowed', { allow: /GET.*POST|POST.*GET/ })],
    ['POST /api/sessions/{id}', req('POST', `/api/sessions/${N}`, { headers: asCoach, body: '{}' }),
      api(405, 'method_not_allowed', { allow: /PATCH/ })],
    ['no session', req('GET', '/api/me'), api(401, 'unauthorized')],
    ['an unknown session cookie', req('GET', '/api/me', { headers: ['Cookie: sc_session=' + '0'.repeat(64)] }), api(401, 'unauthorized')],
    ['an unknown API token', req('GET', '/api/me', { headers: ['Authorization: Bearer ' + 'f'.repeat(64)] }), api(401, 'unauthorized')],
    ['a list without a login', req('GET', '/api/sessions'), api(401, 'unauthorized')],
    ['a change without a login', req('POST', '/api/teams', { headers: [JSON_TYPE], body: json({ name: 'Team Edge' }) }), api(401, 'unauthorized')],
    ['a change without the CSRF token', post('/api/teams', json({ name: 'Team Edge' }), [...as(admin, { csrf: false }), JSON_TYPE]), api(403, 'forbidden')],
    ['a change with a wrong CSRF token', post('/api/teams', json({ name: 'Team Edge' }), [`Cookie: ${admin.cookie}`, 'X-CSRF-Token: stale', JSON_TYPE]), api(403, 'forbidden')],
    ['a role that may not list people', get('/api/people', as(executive, { csrf: false })), api(403, 'forbidden')],
    ['another coach\'s session', get(`/api/sessions/${N}`, as(senior, { csrf: false })), api(404, 'not_found')],
    ['a truncated JSON body', post('/api/teams', '{"name":'), api(400, 'invalid', { field: null })],
    ['a JSON array', post('/api/teams', '[]'), api(400, 'invalid', { field: null })],
    ['a JSON string', post('/api/teams', '"Team Edge"'), api(400, 'invalid', { field: null })],
    ['a JSON number', post('/api/teams', '12'), api(400, 'invalid', { field: null })],
    ['JSON null', post('/api/teams', 'null'), api(400, 'invalid', { field: null })],
    ['an empty body', post('/api/teams', ''), api(400, 'invalid', { field: null })],
    ['JSON followed by more', post('/api/teams', '{"name":"Team Edge"} {'), api(400, 'invalid', { field: null })],
    ['JSON nested 100,000 deep', post('/api/teams', '['.repeat(100000)), api(400, 'invalid', { field: null })],
    ['an unknown field', post('/api/teams', json({ name: 'Team Edge', colour: 'red' })), api(422, 'invalid', { field: 'colour' })],
    ['a field of the wrong type', post('/api/teams', json({ name: 12 })), api(422, 'invalid', { field: 'name' })],
    ['an empty string', post('/api/teams', json({ name: '' })), api(422, 'invalid', { field: 'name' })],
    ['text that is not UTF-8', post('/api/teams', '{"name":"Team \xff"}'), api(422, 'invalid', { field: 'name', message: /UTF-8/i })],
    ['a control character in text', post('/api/teams', '{"name":"Team\\u0001Edge"}'), api(422, 'invalid', { field: 'name' })],
    ['a number too large for any field', post('/api/sessions', session('2026-12-16T10:00', { minutes: 0 }).replace('"minutes":0', '"minutes":99999999999999999999'), asCoach),
      api(422, 'invalid', { field: 'minutes' })],
    ['a required field left out', post('/api/sessions', json({ assignment: ctx.assignment, kind: 'one_to_one', minutes: 60 }), asCoach),
      api(422, 'invalid', { field: 'at' })],
    ['an e-mail address that is taken', post('/api/people', json({ name: 'Edge Case', email: ctx.emails.rep })), api(409, 'conflict', { field: 'email' })],
    ['five wrong passwords, then 429', req('POST', '/api/login', { headers: [JSON_TYPE], body: json({ email: ctx.emails.internal, password: 'not-her-password' }) }).repeat(6),
      [...Array(5).fill(api(401, 'unauthorized')), api(429, 'rate_limited', { retryAfter: true })]],
  ]);

  // ---- deadlines (slow: these run alongside the other groups) -----------------------------------
  const deadline = { within: [8000, 16000] };
  const slow = { slow: true, max: 22000 };
  const trickle = ['GET /api/m', { wait: 1000 }, `e HTTP/1.1${CRLF}Host: x${CRLF}`];
  for (let i = 0; i < 7; i++) trickle.push({ wait: 3000 }, `X-Slow-${i}: ${i}${CRLF}`);
  add('timeout', [
    ['a body shorter than its Content-Length', head('POST', '/api/teams', { headers: [...asAdmin, 'Content-Length: 100'] }) + '{"name":"T',
      proto(408, 'timeout', deadline), slow],
    ['a chunked body without its last chunk', head('POST', '/api/teams', { headers: [...asAdmin, 'Transfer-Encoding: chunked'] }) + `5${CRLF}{"nam${CRLF}`,
      proto(408, 'timeout', deadline), slow],
    ['a head that trickles in, a line every 3 s', trickle, proto(408, 'timeout', deadline), slow],
    ['a head that stops half-way', `GET /api/me HTTP/1.1${CRLF}Host: x${CRLF}`, proto(408, 'timeout', deadline), slow],
    ['after 100 Continue no body comes', [head('POST', '/api/teams', { headers: [...asAdmin, 'Expect: 100-continue', 'Content-Length: 20'] })],
      proto(408, 'timeout', { ...deadline, interim: true }), slow],
    ['a connection that sends nothing: closed, no answer', [], { ...NONE, within: [8000, 16000] }, slow],
    ['an idle kept-alive connection: closed, nothing more', req('GET', '/api/health'), ok(),
      { ...slow, awaitClose: true, closeWait: 16000, check: closedWithin(8000, 16000) }],
  ]);

  // ---- connection caps (alone: after the slow group) ---------------------------------------------
  add('caps', [
    ['the 65th connection of one address', req('GET', '/api/me'), proto(503, 'unavailable'), { hold: 64 }],
  ]);

  return cases;
}

// ---- checks beyond the fields ----------------------------------------------------------------------

// A HEAD answer has the head of the GET answer: same status, Content-Type and Content-Length.
function sameAsGet(getBytes) {
  return async (answer, { exchangeOne }) => {
    const g = await exchangeOne(getBytes);
    if (!g) return ['the GET for comparison got no answer'];
    const p = [];
    if (g.status !== answer.status) p.push(`GET answers ${g.status}, HEAD ${answer.status}`);
    for (const h of ['content-type', 'content-length']) {
      const a = answer.headers[h]?.join(', ');
      const b = g.headers[h]?.join(', ');
      if (a !== b) p.push(`HEAD ${h} ${a ?? '(none)'} but GET ${b ?? '(none)'}`);
    }
    if (String(g.body.length) !== answer.headers['content-length']?.[0]) {
      p.push(`HEAD Content-Length ${answer.headers['content-length']?.[0]} but the GET body has ${g.body.length} bytes`);
    }
    return p;
  };
}

async function noRedirect(answer) {
  return answer.headers.location ? [`a Location header: ${answer.headers.location[0]}`] : [];
}

function closedWithin(from, to) {
  return async (answer, { result }) => {
    if (!result.closed) return ['the idle connection was not closed'];
    if (result.closedAfter < from || result.closedAfter > to) {
      return [`closed after ${result.closedAfter} ms, not within ${from}–${to} ms`];
    }
    return [];
  };
}
