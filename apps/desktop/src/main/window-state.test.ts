import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWindowStateFile, fitWindowState, parseWindowState } from './window-state';

const laptop = { x: 0, y: 0, width: 1920, height: 1050 };
const rightMonitor = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('parseWindowState', () => {
  it('accepts a saved state', () => {
    expect(parseWindowState({ x: 10, y: 20, width: 1500, height: 950, isMaximized: true })).toEqual({
      x: 10,
      y: 20,
      width: 1500,
      height: 950,
      isMaximized: true,
    });
  });

  it('drops a half position and defaults isMaximized', () => {
    expect(parseWindowState({ x: 10, width: 1500, height: 950 })).toEqual({
      width: 1500,
      height: 950,
      isMaximized: false,
    });
  });

  it('refuses anything else', () => {
    for (const value of [
      null,
      'x',
      [],
      {},
      { width: 0, height: 900 },
      { width: 1.5, height: 900 },
      { width: Number.NaN, height: 900 },
      { width: 1e9, height: 900 },
      { x: '10', y: 0, width: 1500, height: 900 },
      { width: 1500, height: 900, isMaximized: 'yes' },
    ]) {
      expect(parseWindowState(value), JSON.stringify(value)).toBeNull();
    }
  });
});

describe('fitWindowState', () => {
  it('opens at the default size, centered, the first time', () => {
    expect(fitWindowState(null, [laptop])).toEqual({ width: 1440, height: 900, isMaximized: false });
  });

  it('keeps a window that is on a display where it was', () => {
    const saved = { x: 2000, y: 100, width: 1600, height: 1000, isMaximized: false };
    expect(fitWindowState(saved, [laptop, rightMonitor])).toEqual(saved);
  });

  it('centers a window whose display is gone, at a size that fits the remaining one', () => {
    const saved = { x: 2000, y: 100, width: 2400, height: 1300, isMaximized: true };
    expect(fitWindowState(saved, [laptop])).toEqual({ width: 1920, height: 1050, isMaximized: true });
  });

  it('does not count a sliver as visible: the title bar must be reachable', () => {
    const saved = { x: 1900, y: 100, width: 1400, height: 900, isMaximized: false };
    expect(fitWindowState(saved, [laptop])).toEqual({ width: 1400, height: 900, isMaximized: false });
    const above = { x: 100, y: -880, width: 1400, height: 900, isMaximized: false };
    expect(fitWindowState(above, [laptop])).toEqual({ width: 1400, height: 900, isMaximized: false });
  });

  it('pulls a window hanging over an edge back inside, and shrinks it to the display', () => {
    expect(
      fitWindowState({ x: 1000, y: 500, width: 1400, height: 900, isMaximized: false }, [laptop]),
    ).toEqual({
      x: 520,
      y: 150,
      width: 1400,
      height: 900,
      isMaximized: false,
    });
    expect(fitWindowState({ x: 0, y: 0, width: 3000, height: 2000, isMaximized: false }, [laptop])).toEqual({
      x: 0,
      y: 0,
      width: 1920,
      height: 1050,
      isMaximized: false,
    });
  });

  it('never goes below the minimum size', () => {
    expect(fitWindowState({ width: 300, height: 200, isMaximized: false }, [laptop])).toEqual({
      width: 1024,
      height: 640,
      isMaximized: false,
    });
  });
});

describe('window state file', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-window-state-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('saves and loads, and answers null for a missing or broken file', () => {
    const file = createWindowStateFile(path.join(dir, 'window-state.json'));
    expect(file.load()).toBeNull();
    file.save({ x: 5, y: 6, width: 1200, height: 800, isMaximized: false });
    expect(file.load()).toEqual({ x: 5, y: 6, width: 1200, height: 800, isMaximized: false });
    fs.writeFileSync(path.join(dir, 'window-state.json'), '{"width":');
    expect(file.load()).toBeNull();
  });
});
