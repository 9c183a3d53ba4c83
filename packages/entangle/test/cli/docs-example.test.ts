// Runs the `entangle evaluate` examples of docs/cli.md: the module in the doc, then the commands and output shown there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from './fixtures/run-cli.js';

const DOC = fileURLToPath(new URL('../../../../../docs/cli.md', import.meta.url));
const store = mkdtempSync(join(tmpdir(), 'entangle-docs-cli-'));
const dir = fileURLToPath(new URL('./generated/', import.meta.url));
const module = join(dir, 'loss-mismatch.js');

/** Every line the doc shows appears in the real output, up to the parts it elides with '…'. */
function assertShown(shownText: string, stdout: string): void {
  const lines = shownText.trim().split('\n').filter((l) => l !== '');
  for (const line of lines) {
    const pattern = new RegExp(`^${line.split('…').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'm');
    assert.match(stdout, pattern, `doc line not in the output: ${line}`);
  }
}

test('the system module of docs/cli.md evaluates to a self-defeating improvement, with the numbers the doc shows', async () => {
  const doc = readFileSync(DOC, 'utf8');
  const block = /<!-- example:cli-system -->\n```js\n([\s\S]*?)```/.exec(doc);
  assert.ok(block, 'docs/cli.md has the example module');
  // Inside the package, so that `import ... from 'entangle'` resolves as it does for users.
  mkdirSync(dir, { recursive: true });
  writeFileSync(module, block[1]);
  const result = await runCli(['evaluate', module, '--update', 'train u on y', '--store', store], { cwd: dir });
  assert.equal(result.code, 3, result.stderr);
  const shown = /```sh\n\$ entangle evaluate loss-mismatch\.js --update 'train u on y'\n([\s\S]*?)\$ echo \$\?\n3\n```/.exec(doc);
  assert.ok(shown, 'docs/cli.md shows the command and its exit code 3');
  assertShown(shown[1], result.stdout);
});

test('evaluate --diagnose on the same store prints the diagnosis the doc shows (only the richer w is trained)', async () => {
  const doc = readFileSync(DOC, 'utf8');
  const shown = /```sh\n\$ entangle evaluate loss-mismatch\.js --update 'train u on y' --diagnose --refit-seeds 1\n([\s\S]*?)\$ echo \$\?\n3\n```/.exec(doc);
  assert.ok(shown, 'docs/cli.md shows the --diagnose command and its exit code 3');
  const result = await runCli(['evaluate', module, '--update', 'train u on y', '--diagnose', '--refit-seeds', '1', '--store', store], { cwd: dir, env: { GOMP_SPINCOUNT: '1000' } });
  assert.equal(result.code, 3, result.stderr);
  assertShown(shown[1], result.stdout);
});
