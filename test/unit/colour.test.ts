import { describe, expect, it } from 'vitest';
import { colourWanted, pc } from '../../infra/colour';

describe('terminal colour', () => {
  it('is off for piped output even on a build machine that sets CI', () => {
    expect(colourWanted({ CI: 'true' }, { isTTY: false })).toBe(false);
    expect(colourWanted({ CI: '1', TERM: 'xterm' }, {})).toBe(false);
  });
  it('is on for a terminal, off with NO_COLOR or TERM=dumb, forced by FORCE_COLOR', () => {
    expect(colourWanted({ TERM: 'xterm-256color' }, { isTTY: true })).toBe(true);
    expect(colourWanted({ NO_COLOR: '1' }, { isTTY: true })).toBe(false);
    expect(colourWanted({ TERM: 'dumb' }, { isTTY: true })).toBe(false);
    expect(colourWanted({ FORCE_COLOR: '1' }, { isTTY: false })).toBe(true);
    expect(colourWanted({ FORCE_COLOR: '0' }, { isTTY: false })).toBe(false);
  });
  it('decides when text is formatted, so a captured run prints plain text', () => {
    const saved = { CI: process.env.CI, FORCE_COLOR: process.env.FORCE_COLOR, NO_COLOR: process.env.NO_COLOR };
    try {
      process.env.CI = 'true';
      delete process.env.FORCE_COLOR;
      delete process.env.NO_COLOR;
      if (process.stdout.isTTY !== true) expect(pc.green('Collection is closed.')).toBe('Collection is closed.');
      process.env.FORCE_COLOR = '1';
      expect(pc.green('Ë')).toBe('\u001b[32mË\u001b[39m');
    } finally {
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    }
  });
});
