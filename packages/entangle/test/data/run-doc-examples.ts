// Test helper: runs every ```js block of a docs file, with its repo-relative imports pointed at the built package.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));

/** Imports each example as an ES module (throws if one fails) and returns how many ran. */
export async function runDocExamples(docFile: string): Promise<number> {
  const text = readFileSync(join(repoRoot, docFile), 'utf8');
  const blocks = [...text.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  const dir = mkdtempSync(join(tmpdir(), 'entangle-doc-'));
  const distSrc = pathToFileURL(join(repoRoot, 'packages/entangle/dist/src/')).href;
  for (const [k, code] of blocks.entries()) {
    const file = join(dir, `example-${k}.mjs`);
    writeFileSync(file, code.replaceAll('./packages/entangle/dist/src/', distSrc));
    await import(pathToFileURL(file).href);
  }
  return blocks.length;
}
