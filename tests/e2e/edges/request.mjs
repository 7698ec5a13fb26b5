// Requests as bytes, for the catalogue: nothing is added that the case does not ask for,
// except Host (unless host is null) and a Content-Length for a body (unless length is false).

export const CRLF = '\r\n';

// A whole request: 'METHOD TARGET VERSION', the header lines, an empty line, the body.
// headers: ['Name: value', ...] or [[name, value], ...]; the strings are sent as written.
export function req(method, target, { headers = [], body, host = 'edges.test', version = 'HTTP/1.1', length = true } = {}) {
  const lines = [`${method} ${target} ${version}`];
  if (host !== null) lines.push(`Host: ${host}`);
  for (const h of headers) lines.push(Array.isArray(h) ? `${h[0]}: ${h[1]}` : h);
  if (body !== undefined && length) lines.push(`Content-Length: ${Buffer.byteLength(body, 'latin1')}`);
  return lines.join(CRLF) + CRLF + CRLF + (body ?? '');
}

// The head of a request only (request line and headers), for bodies sent in steps.
export function head(method, target, opts = {}) {
  return req(method, target, { ...opts, body: undefined });
}

// A JSON body as bytes of a latin1 string (so that Buffer.from(x, 'latin1') gives its UTF-8).
export function json(value) {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('latin1');
}

// A chunked body: each piece as one chunk, then the last chunk.
export function chunked(...pieces) {
  return pieces.map((p) => `${Buffer.byteLength(p, 'latin1').toString(16)}${CRLF}${p}${CRLF}`).join('') + `0${CRLF}${CRLF}`;
}

// The header lines that authenticate a caller ({cookie, csrf}); with csrf: false only the cookie.
export function as(who, { csrf = true } = {}) {
  const h = [`Cookie: ${who.cookie}`];
  if (csrf) h.push(`X-CSRF-Token: ${who.csrf}`);
  return h;
}

export const JSON_TYPE = 'Content-Type: application/json';
