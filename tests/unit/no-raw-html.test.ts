import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.(svelte|ts|html)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe('the source', () => {
  // User data is text: Svelte escapes it unless told {@html}, and nothing may tell it so.
  it('has no {@html} and no innerHTML anywhere', () => {
    const all = [...files('src'), 'index.html'];
    expect(all.length).toBeGreaterThan(100);
    const offending = all.filter((f) => /\{@html|\.innerHTML\s*=|insertAdjacentHTML|outerHTML\s*=/.test(readFileSync(f, 'utf8')));
    expect(offending).toEqual([]);
  });
});
