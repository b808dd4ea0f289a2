// The window's size, position and maximised state, remembered across starts. The saved value is untrusted
// (a hand-edited or stale file, a monitor that is gone): it is checked, and a position off every screen is dropped.
import { z } from 'zod';

export interface Rect { x: number; y: number; width: number; height: number }
export interface WindowState {
  bounds: { width: number; height: number; x?: number; y?: number };
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { bounds: { width: 1440, height: 900 }, maximized: false };
const MIN = { width: 900, height: 600 };

const savedSchema = z.object({
  bounds: z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().positive(), height: z.number().int().positive() }),
  maximized: z.boolean().default(false),
});

const overlap = (a: Rect, b: Rect) => Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x))
  * Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

/** The state to open the window with, from what was saved (anything) and the displays' work areas now. */
export function restoreWindowState(saved: unknown, workAreas: Rect[]): WindowState {
  const p = savedSchema.safeParse(saved);
  if (!p.success) return DEFAULT_WINDOW_STATE;
  const { x, y } = p.data.bounds;
  const largest = workAreas.reduce((m, a) => Math.max(m, a.width), 0);
  const tallest = workAreas.reduce((m, a) => Math.max(m, a.height), 0);
  const width = Math.max(MIN.width, largest > 0 ? Math.min(p.data.bounds.width, largest) : p.data.bounds.width);
  const height = Math.max(MIN.height, tallest > 0 ? Math.min(p.data.bounds.height, tallest) : p.data.bounds.height);
  // Keep the position only if a good part of the title bar area is on some screen.
  const visible = workAreas.some((a) => overlap({ x, y, width, height: Math.min(height, 80) }, a) >= 100 * 40);
  return { bounds: visible ? { x, y, width, height } : { width, height }, maximized: p.data.maximized };
}
