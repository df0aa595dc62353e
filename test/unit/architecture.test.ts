/**
 * The shape of the product code, checked from its import statements: imports run one way
 * (domain ← infra ← seeds ← workflows/activities ← client/links ← cli/web ← run), and no module
 * imports itself back through others. Reads the sources as text; runs no product code.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** Each product folder's layer: a folder may import from lower layers and from itself only. */
const LAYER: Record<string, number> = {
  domain: 0,
  infra: 1,
  seeds: 1.5,
  workflows: 2,
  activities: 2,
  links: 3,
  client: 3,
  cli: 4,
  web: 4,
  run: 5,
};

interface Import { from: string; to: string; typeOnly: boolean }

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function resolveModule(fromFile: string, spec: string): string | undefined {
  const base = resolve(dirname(fromFile), spec);
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this candidate
    }
  }
  return undefined;
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const found: Import[] = [];
  const re = /^(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"](\.[^'"]+)['"]/gm;
  for (const m of text.matchAll(re)) {
    const target = resolveModule(file, m[2]!);
    if (target) found.push({ from: relative(ROOT, file), to: relative(ROOT, target), typeOnly: !!m[1] });
  }
  return found;
}

const files = Object.keys(LAYER).flatMap((folder) => {
  try {
    return sources(join(ROOT, folder));
  } catch {
    return [];
  }
});
const imports = files.flatMap(importsOf);
const folderOf = (path: string) => path.split('/')[0]!;

describe('the structure of the product code', () => {
  it('reads the product folders', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(imports.length).toBeGreaterThan(100);
  });

  it('imports only from its own folder or a lower layer (type-only imports may cross within a layer)', () => {
    const upward = imports.filter(({ from, to, typeOnly }) => {
      const a = folderOf(from);
      const b = folderOf(to);
      if (a === b) return false;
      if (!(b in LAYER)) return true;
      return LAYER[b]! > LAYER[a]! || (LAYER[b] === LAYER[a] && !typeOnly);
    });
    expect(upward.map((i) => `${i.from} → ${i.to}`)).toEqual([]);
  });

  it('has no import cycles', () => {
    const graph = new Map<string, string[]>();
    for (const { from, to } of imports) graph.set(from, [...(graph.get(from) ?? []), to]);
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (node: string): void => {
      state.set(node, 'open');
      stack.push(node);
      for (const next of graph.get(node) ?? []) {
        if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next].join(' → '));
        else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(node, 'done');
    };
    for (const node of graph.keys()) if (!state.has(node)) visit(node);
    expect(cycles).toEqual([]);
  });
});
