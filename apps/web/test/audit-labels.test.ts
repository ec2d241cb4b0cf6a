import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES } from '@ct/contracts/audit';
import * as admin from '../src/lib/i18n/messages/admin.ts';

describe('the audit log speaks the contracts’ vocabulary (lib/i18n/messages/admin)', () => {
  for (const [language, messages] of Object.entries({ fr: admin.fr, en: admin.en })) {
    it(`labels every audit action, and nothing else, in ${language}`, () => {
      const labels: Record<string, string> = messages.audits.actions;
      expect(Object.keys(labels).sort()).toEqual([...AUDIT_ACTIONS].sort());
      for (const action of AUDIT_ACTIONS) {
        expect(labels[action], action).toBeTruthy();
        expect(labels[action], `${action} is shown raw`).not.toBe(action);
      }
    });

    it(`labels every audit target type in ${language}`, () => {
      const labels: Record<string, string> = messages.audits.targets;
      expect(Object.keys(labels).sort()).toEqual([...AUDIT_TARGET_TYPES].sort());
      for (const type of AUDIT_TARGET_TYPES) expect(labels[type], type).toBeTruthy();
    });
  }

  it('gives each action its own French label', () => {
    const labels = Object.values(admin.fr.audits.actions);
    expect(new Set(labels).size).toBe(labels.length);
  });
});
