/** RFC 6902 JSON Patch (add, remove, replace, move, copy, test) over a copy of a document. */
import { TesseraError } from '../errors.js';

export interface PatchOp {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  from?: string;
  value?: unknown;
}

const bad = (i: number, message: string) => new TesseraError('CONFIG_INVALID', 422, `patch/${i}: ${message}`, [{ path: `patch/${i}`, message }]);

function tokens(pointer: string, i: number): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw bad(i, `"${pointer}" is not a JSON pointer (it starts with /)`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(doc: any, path: string[], i: number): { parent: any; key: string } {
  let cur = doc;
  for (const t of path.slice(0, -1)) {
    if (cur === null || typeof cur !== 'object' || !(t in cur)) throw bad(i, `/${path.join('/')}: /${t} does not exist`);
    cur = cur[t];
  }
  if (cur === null || typeof cur !== 'object') throw bad(i, `/${path.join('/')}: the parent is not an object or array`);
  if (['__proto__', 'constructor', 'prototype'].includes(path.at(-1)!)) throw bad(i, 'that key is not allowed');
  return { parent: cur, key: path.at(-1)! };
}

function get(doc: any, path: string[], i: number): unknown {
  let cur = doc;
  for (const t of path) {
    if (cur === null || typeof cur !== 'object' || !(t in cur)) throw bad(i, `/${path.join('/')} does not exist`);
    cur = cur[t];
  }
  return cur;
}

function remove(doc: any, path: string[], i: number): unknown {
  const { parent, key } = parentOf(doc, path, i);
  if (!(key in parent)) throw bad(i, `/${path.join('/')} does not exist`);
  const v = parent[key];
  if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else delete parent[key];
  return v;
}

function add(doc: any, path: string[], value: unknown, i: number): any {
  if (!path.length) return value;
  const { parent, key } = parentOf(doc, path, i);
  if (Array.isArray(parent)) {
    const at = key === '-' ? parent.length : Number(key);
    if (!Number.isInteger(at) || at < 0 || at > parent.length) throw bad(i, `/${path.join('/')}: index out of range`);
    parent.splice(at, 0, value);
  } else parent[key] = value;
  return doc;
}

export function applyPatch<T>(doc: T, ops: PatchOp[]): T {
  let out: any = structuredClone(doc);
  ops.forEach((op, i) => {
    if (!op || typeof op !== 'object' || typeof op.path !== 'string') throw bad(i, 'each operation needs op and path');
    const path = tokens(op.path, i);
    switch (op.op) {
      case 'add':
        out = add(out, path, structuredClone(op.value), i);
        break;
      case 'remove':
        remove(out, path, i);
        break;
      case 'replace':
        get(out, path, i);
        if (!path.length) out = structuredClone(op.value);
        else parentOf(out, path, i).parent[path.at(-1)!] = structuredClone(op.value);
        break;
      case 'move': {
        const v = remove(out, tokens(op.from ?? '', i), i);
        out = add(out, path, v, i);
        break;
      }
      case 'copy':
        out = add(out, path, structuredClone(get(out, tokens(op.from ?? '', i), i)), i);
        break;
      case 'test':
        if (JSON.stringify(get(out, path, i)) !== JSON.stringify(op.value)) throw bad(i, `test failed at ${op.path}`);
        break;
      default:
        throw bad(i, `"${(op as any).op}" is not an operation (add, remove, replace, move, copy, test)`);
    }
  });
  return out;
}
