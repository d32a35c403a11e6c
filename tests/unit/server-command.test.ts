import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { serverCommand, serverNodeOptions } from '../support/next-bin';

/*
 * The suites and the bench start the server as `npm start` does, node options included: the heap cap is part of what
 * the peak RSS budget measures, so a server started without it would measure something nobody deploys.
 */
describe('the server command', () => {
  it("runs node with npm start's options, then the bundled server on the given address", () => {
    const options = serverNodeOptions();
    expect(options).toContain('--max-old-space-size=384');
    const [node, args] = serverCommand(3999, '127.0.0.1');
    expect(node).toBe(process.execPath);
    expect(args).toEqual([...options, path.resolve('.next/start-server.js'), '-p', '3999', '-H', '127.0.0.1']);
    const scripts = JSON.parse(fs.readFileSync('package.json', 'utf8')).scripts as Record<string, string>;
    expect(scripts.demo).toContain(`node ${options.join(' ')} .next/start-server.js`);
  });

  it('refuses a start script it cannot read options from, naming it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'server-command-'));
    try {
      const file = path.join(dir, 'package.json');
      fs.writeFileSync(file, JSON.stringify({ scripts: { start: 'next start' } }));
      expect(() => serverNodeOptions(file)).toThrow(/start script must be "node \[options\] \.next\/start-server\.js"/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
