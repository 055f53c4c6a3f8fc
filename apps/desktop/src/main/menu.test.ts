import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { MenuDestination } from '../shared/ipc-payloads';
import { buildMenuTemplate } from './menu';

function labels(template: MenuItemConstructorOptions[]): string[] {
  return template.map((item) => item.label ?? item.role ?? '?');
}

function submenuOf(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const submenu = template.find((item) => item.label === label)?.submenu;
  if (!Array.isArray(submenu)) throw new Error(`no ${label} menu`);
  return submenu;
}

function setUp(options: { isMac: boolean; isPackaged: boolean }) {
  const sent: MenuDestination[] = [];
  const template = buildMenuTemplate({
    ...options,
    appName: 'Portico',
    navigate: (to) => void sent.push(to),
  });
  return { template, sent };
}

describe('application menu', () => {
  it('has File, Edit, View, Go, Window and Help on Windows and Linux', () => {
    const { template } = setUp({ isMac: false, isPackaged: true });
    expect(labels(template)).toEqual(['File', 'editMenu', 'View', 'Go', 'windowMenu', 'help']);
    expect(submenuOf(template, 'File').map((i) => i.label ?? i.role ?? i.type)).toEqual([
      'Settings',
      'separator',
      'quit',
    ]);
  });

  it('adds the app menu with Settings… on macOS', () => {
    const { template, sent } = setUp({ isMac: true, isPackaged: true });
    expect(labels(template)).toEqual(['Portico', 'File', 'editMenu', 'View', 'Go', 'windowMenu', 'help']);
    const settings = submenuOf(template, 'Portico').find((i) => i.label === 'Settings…');
    expect(settings?.accelerator).toBe('CmdOrCtrl+,');
    settings?.click?.(...([] as unknown as Parameters<NonNullable<MenuItemConstructorOptions['click']>>));
    expect(sent).toEqual(['/settings']);
  });

  it('sends the Go menu’s screens to the renderer', () => {
    const { template, sent } = setUp({ isMac: false, isPackaged: true });
    for (const item of submenuOf(template, 'Go')) {
      item.click?.(...([] as unknown as Parameters<NonNullable<MenuItemConstructorOptions['click']>>));
    }
    expect(sent).toEqual(['/tasks', '/board', '/windows', '/customers', '/notifications']);
  });

  it('offers developer tools only outside a packaged build', () => {
    const roles = (isPackaged: boolean) =>
      submenuOf(setUp({ isMac: false, isPackaged }).template, 'View').map((i) => i.role);
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(false)).toContain('toggleDevTools');
  });
});
