// docs/openapi.json as a checker of answers: the operation of a request line, whether it
// documents a status, and whether a JSON body matches the schema the document gives for it
// (ajv, JSON Schema 2020-12, the schemas validated where they stand so that their $refs
// resolve). The same reading as conform() of api.test.mjs, returning problems instead of
// throwing, so that one case can report all of its problems at once.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export function loadDocument(sourceDir) {
  const doc = JSON.parse(readFileSync(join(sourceDir, 'docs', 'openapi.json'), 'utf8'));
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(doc, 'openapi.json');

  const templates = Object.keys(doc.paths).map((t) => ({
    t,
    re: new RegExp('^' + t.replace(/\{[^}]+\}/g, '[^/]+') + '$'),
  }));
  const pointer = (parts) =>
    'openapi.json#/' +
    parts.map((p) => encodeURIComponent(String(p).replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');
  const errorSchema = ajv.getSchema(pointer(['components', 'schemas', 'Error']));

  // The document's operation for a method and a raw target, or undefined: {t, op}.
  function operation(method, target) {
    const path = target.split('?')[0];
    const found = templates.find(({ re }) => re.test(path));
    if (!found) return undefined;
    const op = doc.paths[found.t][method.toLowerCase()];
    return op ? { t: found.t, op, method: method.toLowerCase() } : undefined;
  }

  // Problems (strings) of an answer of an operation: its status is not documented, or its
  // JSON body does not match the schema given for that status.
  function conform(o, status, body) {
    const key = String(status) in o.op.responses ? String(status) : 'default';
    let resp = o.op.responses[key];
    const name = `${o.method.toUpperCase()} ${o.t}`;
    if (!resp) return [`${name} does not document ${status}`];
    let where = ['paths', o.t, o.method, 'responses', key];
    if (resp.$ref) {
      where = resp.$ref.replace(/^#\//, '').split('/');
      resp = where.reduce((x, k) => x[k], doc);
    }
    if (!resp.content?.['application/json'] || body === undefined) return [];
    const validate = ajv.getSchema(pointer([...where, 'content', 'application/json', 'schema']));
    if (!validate) return [`${name} ${status}: no schema`];
    if (validate(body)) return [];
    return [`${name} ${status} does not match the document: ` + brief(validate.errors)];
  }

  // Problems of an error body against components/schemas/Error.
  function errorBody(body) {
    if (errorSchema(body)) return [];
    return ['the body does not match components/schemas/Error: ' + brief(errorSchema.errors)];
  }

  return { doc, operation, conform, errorBody };
}

function brief(errors) {
  return (errors ?? [])
    .slice(0, 2)
    .map((e) => `${e.instancePath || '/'} ${e.message}${e.params?.allowedValues ? ' ' + JSON.stringify(e.params.allowedValues) : ''}`)
    .join('; ');
}
