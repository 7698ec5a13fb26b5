// The wire: one TCP connection to the server, bytes written exactly as given, every byte that
// comes back kept with the moment the connection ended. Nothing here knows HTTP beyond
// splitting what came back into answers (parseAnswers).
import net from 'node:net';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Steps of a conversation, written in order:
//   string | Buffer           write it
//   { wait: ms }              pause
//   { until: re, max: ms }    pause until what came back matches re (latin1 text), at most max
//   { pieces: [...], stopOnAnswer: true }
//                             write the pieces one by one, each after the last is accepted by
//                             the socket; stop as soon as anything came back
// A conversation stops writing once the server closed the connection.
//
// Returns { bytes, arrivals, closed, reset, closedAfter, firstByteAfter, timedOut }: closed is
// true when the server ended the connection (FIN or RST) before we gave up; times are ms from
// connect; arrivals lists [ms, bytes received by then] per read.
export function converse(port, steps, { complete, settle = 250, closeWait = 2500, max = 6000 } = {}) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const chunks = [];
    const arrivals = []; // [ms after connect, bytes received by then]
    let size = 0;
    const state = { closed: false, reset: false, closedAfter: null, firstByteAfter: null };
    let finished = false;
    let settleTimer = null;
    let wakeReader = () => {};

    const s = net.connect({ port, host: '127.0.0.1', allowHalfOpen: false });
    s.setNoDelay(true);
    const bytes = () => Buffer.concat(chunks, size);

    function finish(timedOut) {
      if (finished) return;
      finished = true;
      clearTimeout(settleTimer);
      clearTimeout(overall);
      if (!state.closed) s.destroy();
      resolve({ bytes: bytes(), arrivals, ...state, timedOut });
    }
    const overall = setTimeout(() => finish(true), max);

    // Once the expected answers are in, wait a little for more bytes (which would be a second
    // answer) or for the close, then report.
    function check() {
      wakeReader();
      if (settleTimer || !complete) return;
      const c = complete(bytes());
      if (!c) return;
      settleTimer = setTimeout(() => finish(false), c === 'close' ? closeWait : settle);
    }

    s.on('data', (d) => {
      if (state.firstByteAfter === null) state.firstByteAfter = Date.now() - t0;
      chunks.push(d);
      size += d.length;
      arrivals.push([Date.now() - t0, size]);
      check();
    });
    s.on('error', (e) => {
      if (e.code === 'ECONNRESET') state.reset = true;
    });
    s.on('close', () => {
      state.closed = true;
      state.closedAfter = Date.now() - t0;
      wakeReader();
      // Give a complete() that waits on 'close' its moment, then report.
      setImmediate(() => finish(false));
    });

    const write = (b) =>
      new Promise((r) => {
        if (state.closed || s.destroyed) return r();
        s.write(b, () => r());
      });
    const waitFor = (pred, ms) =>
      new Promise((r) => {
        const end = setTimeout(done, ms);
        function done() {
          clearTimeout(end);
          wakeReader = () => {};
          r();
        }
        wakeReader = () => { if (state.closed || pred()) done(); };
        wakeReader();
      });

    s.on('connect', async () => {
      for (const step of steps) {
        if (state.closed || finished) break;
        if (typeof step === 'string' || Buffer.isBuffer(step)) {
          await write(typeof step === 'string' ? Buffer.from(step, 'latin1') : step);
        } else if (step.wait !== undefined) {
          await sleep(step.wait);
        } else if (step.until) {
          await waitFor(() => step.until.test(bytes().toString('latin1')), step.max ?? 3000);
        } else if (step.pieces) {
          for (const p of step.pieces) {
            if (state.closed || finished || (step.stopOnAnswer && size > 0)) break;
            await write(typeof p === 'string' ? Buffer.from(p, 'latin1') : p);
          }
        } else {
          throw new Error('unknown step ' + JSON.stringify(step));
        }
      }
      check();
    });
  });
}

// Split the bytes of a connection into answers. noBody[i] says that the i-th final answer is
// to a HEAD request (it has headers only). 1xx answers are interim and carry no body.
// Returns { answers: [{ status, version, reason, headers, rawHead, body, interim,
// framing }], rest, error }: rest is what follows the last complete answer, error says why
// parsing stopped early.
export function parseAnswers(buf, noBody = []) {
  const answers = [];
  let pos = 0;
  let finals = 0;
  while (pos < buf.length) {
    const end = buf.indexOf('\r\n\r\n', pos, 'latin1');
    if (end < 0) return { answers, rest: buf.subarray(pos), error: 'an incomplete head' };
    const rawHead = buf.subarray(pos, end).toString('latin1');
    const [line, ...fields] = rawHead.split('\r\n');
    const m = /^(HTTP\/\d\.\d) (\d{3})(?: (.*))?$/.exec(line);
    if (!m) return { answers, rest: buf.subarray(pos), error: `not a status line: ${JSON.stringify(line.slice(0, 60))}` };
    const headers = {};
    for (const f of fields) {
      const i = f.indexOf(':');
      if (i <= 0) return { answers, rest: buf.subarray(pos), error: `a malformed header line: ${JSON.stringify(f.slice(0, 60))}` };
      const k = f.slice(0, i).toLowerCase();
      (headers[k] ??= []).push(f.slice(i + 1).trim());
    }
    const status = Number(m[2]);
    const interim = status >= 100 && status < 200;
    let start = end + 4;
    let body = Buffer.alloc(0);
    let framing = 'none';
    if (!interim && !noBody[finals] && status !== 204 && status !== 304) {
      const cl = headers['content-length'];
      const te = headers['transfer-encoding'];
      if (cl) {
        framing = 'length';
        const n = Number(cl[0]);
        if (cl.length !== 1 || !/^\d+$/.test(cl[0])) {
          return { answers, rest: buf.subarray(pos), error: `a bad Content-Length in the answer: ${cl.join(', ')}` };
        }
        if (buf.length < start + n) return { answers, rest: buf.subarray(pos), error: 'an incomplete body' };
        body = buf.subarray(start, start + n);
        start += n;
      } else if (te && /chunked/i.test(te.join(','))) {
        framing = 'chunked';
        const parts = [];
        for (;;) {
          const eol = buf.indexOf('\r\n', start, 'latin1');
          if (eol < 0) return { answers, rest: buf.subarray(pos), error: 'an incomplete chunked body' };
          const n = parseInt(buf.subarray(start, eol).toString('latin1'), 16);
          start = eol + 2;
          if (n === 0) {
            const t = buf.indexOf('\r\n', start, 'latin1');
            if (t < 0) return { answers, rest: buf.subarray(pos), error: 'an incomplete chunked body' };
            start = t + 2;
            break;
          }
          if (buf.length < start + n + 2) return { answers, rest: buf.subarray(pos), error: 'an incomplete chunked body' };
          parts.push(buf.subarray(start, start + n));
          start += n + 2;
        }
        body = Buffer.concat(parts);
      } else {
        // Read to the close: everything left is this body.
        framing = 'close';
        body = buf.subarray(start);
        start = buf.length;
      }
    }
    answers.push({ version: m[1], status, reason: m[3] ?? '', headers, rawHead, body, interim, framing, offset: pos });
    if (!interim) finals++;
    pos = start;
  }
  return { answers, rest: buf.subarray(pos), error: null };
}

// How many final (non-1xx) answers the bytes hold, complete.
export function finalCount(buf, noBody) {
  return parseAnswers(buf, noBody).answers.filter((a) => !a.interim).length;
}

// The header as one string (several of the same name joined with ", "), or undefined.
export function header(answer, name) {
  const v = answer.headers[name.toLowerCase()];
  return v === undefined ? undefined : v.join(', ');
}

// When (ms after connect) the byte at offset arrived.
export function arrivedAt(result, offset) {
  const a = result.arrivals.find(([, total]) => total > offset);
  return a ? a[0] : null;
}
