// Every row of every table of the server's database, read beside the running server with the
// sqlite3 program, and the differences between two such readings.
import { execFileSync } from 'node:child_process';

const sql = (db, query) =>
  execFileSync('sqlite3', ['-readonly', '-json', db, query], { maxBuffer: 512 * 1024 * 1024 }).toString();

// { table: Map(rowid -> row as JSON text) }
export function snapshot(db) {
  const tables = JSON.parse(sql(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name") || '[]');
  const out = {};
  for (const { name } of tables) {
    const q = `"${name.replace(/"/g, '""')}"`;
    let rows;
    try {
      rows = JSON.parse(sql(db, `SELECT rowid AS "rowid()", * FROM ${q}`) || '[]');
    } catch {
      // A table without rowid: the row itself is its key.
      rows = JSON.parse(sql(db, `SELECT * FROM ${q}`) || '[]').map((r) => ({ 'rowid()': JSON.stringify(r), ...r }));
    }
    out[name] = new Map(rows.map((r) => {
      const key = r['rowid()'];
      delete r['rowid()'];
      return [key, JSON.stringify(r)];
    }));
  }
  return out;
}

// [{ table, kind: 'added' | 'removed' | 'changed', row }] from a to b.
export function diff(a, b) {
  const changes = [];
  for (const table of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[table] ?? new Map();
    const y = b[table] ?? new Map();
    for (const [k, v] of y) {
      if (!x.has(k)) changes.push({ table, kind: 'added', row: JSON.parse(v) });
      else if (x.get(k) !== v) changes.push({ table, kind: 'changed', row: JSON.parse(v), before: JSON.parse(x.get(k)) });
    }
    for (const [k, v] of x) if (!y.has(k)) changes.push({ table, kind: 'removed', row: JSON.parse(v) });
  }
  return changes;
}
