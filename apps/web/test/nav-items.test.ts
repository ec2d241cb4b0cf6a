import { describe, expect, it } from 'vitest';
import { navItemsFor } from '../src/features/shell/nav-items.ts';

const entries = (...args: Parameters<typeof navItemsFor>) =>
  navItemsFor(...args).map((item) => `${item.key}:${item.href}`);

describe("the sidebar's entries by role (features/shell/nav-items)", () => {
  it('shows a caller in no team neither the lists nor the team pages', () => {
    expect(entries('user', false)).toEqual([
      'dashboard:/dashboard',
      'calls:/calls',
      'today:/today',
      'reminders:/reminders',
      'settings:/settings',
    ]);
  });

  it('shows the lists to a caller in a team', () => {
    expect(entries('user', true)).toContain('lists:/lists');
    expect(entries('user', true)).not.toContain('team:/team');
  });

  it("leads a manager to the team page and to the admin area's teams pages only", () => {
    const items = entries('manager', true);
    expect(items).toContain('team:/team');
    expect(items).toContain('admin:/admin/teams');
  });

  it('shows an admin every entry, the lists even outside any team', () => {
    expect(entries('admin', false)).toEqual(expect.arrayContaining(['lists:/lists', 'team:/team', 'admin:/admin']));
  });
});
