// The main window's remembered size and position: read and checked at start, kept on a visible display, saved.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export type Rectangle = { x: number; y: number; width: number; height: number };

export type WindowState = {
  /** Absent: let the OS place the window (centered). */
  x?: number;
  y?: number;
  width: number;
  height: number;
  isMaximized: boolean;
};

export const DEFAULT_WINDOW_SIZE = { width: 1440, height: 900 } as const;
export const MIN_WINDOW_SIZE = { width: 1024, height: 640 } as const;
/** At least this much of the window's top edge must be on a display, or it could not be grabbed and moved. */
const MIN_VISIBLE = { width: 120, height: 40 } as const;

const coordinate = z.number().int().min(-100_000).max(100_000);
const size = z.number().int().min(1).max(100_000);

const savedStateSchema = z.object({
  x: coordinate.optional(),
  y: coordinate.optional(),
  width: size,
  height: size,
  isMaximized: z.boolean().default(false),
});

/** A saved state as read from disk (anything: missing file, hand edits, another version), or null. */
export function parseWindowState(value: unknown): WindowState | null {
  const parsed = savedStateSchema.safeParse(value);
  if (!parsed.success) return null;
  const { x, y, ...rest } = parsed.data;
  // A position needs both coordinates; one alone is as good as none.
  return x !== undefined && y !== undefined ? { x, y, ...rest } : rest;
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

/**
 * Where to open the window: the saved state, shrunk to fit the display it is on, or centered by the OS when
 * its title bar is no longer on any display (a monitor was unplugged, the resolution changed).
 */
export function fitWindowState(saved: WindowState | null, workAreas: readonly Rectangle[]): WindowState {
  const fallback: WindowState = { ...DEFAULT_WINDOW_SIZE, isMaximized: false };
  const state = saved ?? fallback;
  const largest = workAreas.reduce<Rectangle | null>(
    (best, area) => (!best || area.width * area.height > best.width * best.height ? area : best),
    null,
  );
  const clampSize = (area: Rectangle | null) => ({
    width: Math.max(MIN_WINDOW_SIZE.width, Math.min(state.width, area?.width ?? state.width)),
    height: Math.max(MIN_WINDOW_SIZE.height, Math.min(state.height, area?.height ?? state.height)),
  });
  if (state.x === undefined || state.y === undefined) {
    return { ...clampSize(largest), isMaximized: state.isMaximized };
  }
  const titleBar: Rectangle = { x: state.x, y: state.y, width: state.width, height: MIN_VISIBLE.height };
  const home = workAreas.find((area) => {
    const visible = overlap(titleBar, area);
    return visible.width >= MIN_VISIBLE.width && visible.height >= MIN_VISIBLE.height;
  });
  if (!home) return { ...clampSize(largest), isMaximized: state.isMaximized };
  const { width, height } = clampSize(home);
  // Pull the window back inside its display where it now hangs over an edge.
  const x = Math.min(Math.max(state.x, home.x), home.x + home.width - Math.min(width, home.width));
  const y = Math.min(Math.max(state.y, home.y), home.y + home.height - Math.min(height, home.height));
  return { x, y, width, height, isMaximized: state.isMaximized };
}

export type WindowStateFile = {
  load: () => WindowState | null;
  save: (state: WindowState) => void;
};

/** The state's JSON file in the app's data folder. Synchronous: it is read before the window and written on close. */
export function createWindowStateFile(filePath: string): WindowStateFile {
  return {
    load() {
      try {
        return parseWindowState(JSON.parse(readFileSync(filePath, 'utf8')));
      } catch {
        return null;
      }
    },
    save(state) {
      try {
        mkdirSync(path.dirname(filePath), { recursive: true });
        // Write then rename, so a crash mid-write never leaves a half file behind.
        const temporary = `${filePath}.tmp`;
        writeFileSync(temporary, JSON.stringify(state));
        renameSync(temporary, filePath);
      } catch (error) {
        // Losing the window's position is no reason to stop the app.
        console.error('Could not save the window position', error);
      }
    },
  };
}
