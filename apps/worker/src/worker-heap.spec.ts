import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKER_NODE_ARGS } from './worker-heap';

describe('worker heap ceiling', () => {
  it('is passed by `npm run start:worker`, the way a deployment starts the worker', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { scripts: Record<string, string> };
    const command = pkg.scripts['start:worker'].split(/\s+/);
    expect(command.slice(0, 2)).toEqual(['node', '--max-old-space-size=1024']);
    for (const arg of WORKER_NODE_ARGS) expect(command).toContain(arg);
  });
});
