/** The layout holds: doors reach the core through its one entry, and zod stays out of the page. */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { PROJECT_ROOT, tempDir } from '../support/hamish.ts';
import { violations } from './imports.ts';

test('nothing outside the core imports a core module but its entry, and the page loads no zod', () => {
  assert.deepEqual(violations(PROJECT_ROOT), []);
});

test('the check finds a door reaching into the core and a page that loads zod', () => {
  const root = tempDir();
  const files: Record<string, string> = {
    'electron/core/hamish.ts': "import { Db } from './database.ts';\nexport const x = Db;\n",
    'electron/core/database.ts': 'export const Db = 1;\n',
    'electron/cli/fine.ts': "import { x } from '../core/hamish.ts';\nexport const y = x;\n",
    'electron/cli/reaching.ts': "import type { Db } from '../core/database.ts';\nexport type Y = Db;\n",
    'electron/contract/schema.ts': "import { z } from 'zod';\nexport const s = z.string();\nexport type S = string;\n",
    'electron/contract/types.ts': "import type { z } from 'zod';\nexport type T = z.ZodString;\n",
    'renderer/src/typed.ts': "import type { S } from '../../electron/contract/schema.ts';\nimport type { T } from '../../electron/contract/types.ts';\nexport type U = S | T;\n",
    'renderer/src/loading.tsx': "import { type S } from '../../electron/contract/schema.ts';\nexport type V = S;\n",
    'electron/server/lazy.ts': "export const later = () => import('../core/database.ts');\n",
    'renderer/src/peek.ts': "import type { Hamish } from '../../electron/core/hamish.ts';\nexport type H = Hamish;\n",
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  assert.deepEqual(violations(root), [
    'electron/cli/reaching.ts:1 imports electron/core/database.ts: outside the core, only electron/core/hamish.ts',
    'electron/server/lazy.ts:1 imports electron/core/database.ts: outside the core, only electron/core/hamish.ts',
    'renderer/src/peek.ts:1 imports electron/core/hamish.ts: the page talks only to the contract',
    'electron/contract/schema.ts loads zod into the page',
  ]);
});
