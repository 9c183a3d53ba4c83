// Runs the `entangle evaluate` example of docs/cli.md: the module in the doc, then the command and output shown there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from './fixtures/run-cli.js';

const DOC = fileURLToPath(new URL('../../../../../docs/cli.md', import.meta.url));

test('the system module of docs/cli.md evaluates to a self-defeating improvement, with the numbers the doc shows', async () => {
  const doc = readFileSync(DOC, 'utf8');
  const block = /<!-- example:cli-system -->\n```js\n([\s\S]*?)```/.exec(doc);
  assert.ok(block, 'docs/cli.md has the example module');
  // Inside the package, so that `import ... from 'entangle'` resolves as it does for users.
  const dir = fileURLToPath(new URL('./generated/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const module = join(dir, 'loss-mismatch.js');
  writeFileSync(module, block[1]);
  const store = mkdtempSync(join(tmpdir(), 'entangle-docs-cli-'));
  const result = await runCli(['evaluate', module, '--update', 'train u on y', '--store', store], { cwd: dir });
  assert.equal(result.code, 3, result.stderr);
  const shown = /```sh\n\$ entangle evaluate loss-mismatch\.js --update 'train u on y'\n([\s\S]*?)\$ echo \$\?\n3\n```/.exec(doc);
  assert.ok(shown, 'docs/cli.md shows the command and its exit code 3');
  // Every line the doc shows appears in the real output, up to the parts it elides with '…'.
  const lines = shown[1].trim().split('\n').filter((l) => l !== '');
  for (const line of lines) {
    const pattern = new RegExp(`^${line.split('…').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'm');
    assert.match(result.stdout, pattern, `doc line not in the output: ${line}`);
  }
});
