import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { expect, it } from 'vitest';

// The import rules of the layout, checked on every test run (the job a lint rule does in
// bulletproof-react): a feature never imports another feature, and shared code
// (components/, lib/) never imports features or portals. Portals compose features.
const src = resolve(import.meta.dirname);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'gql' ? [] : files(p);
    return /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

function area(file: string): string[] {
  return relative(src, file).split(sep);
}

it('keeps features, shared code and portals apart', () => {
  const problems: string[] = [];
  for (const file of files(src)) {
    const [top, feature] = area(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/from\s+'(\.[^']+)'/g)) {
      const target = area(resolve(join(file, '..'), m[1] ?? ''));
      if (top === 'features' && target[0] === 'features' && target[1] !== feature) {
        problems.push(`${relative(src, file)} imports another feature: ${m[1]}`);
      }
      if ((top === 'components' || top === 'lib') && (target[0] === 'features' || target[0] === 'portals')) {
        problems.push(`${relative(src, file)} (shared) imports ${m[1]}`);
      }
    }
  }
  expect(problems).toEqual([]);
});
