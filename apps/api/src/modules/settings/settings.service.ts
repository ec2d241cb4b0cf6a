import type { FastifyInstance } from 'fastify';
import type { Settings, SettingsPatch } from '@ct/contracts';
import { findSettings, upsertSettings } from './settings.repository.ts';

/**
 * A user's work and notification settings. The route schema has already refused any invalid field
 * (a PATCH is all or nothing: one bad field and nothing is written); what reaches `update` is saved in
 * one statement, so a partial write cannot happen either.
 */
export function createSettingsService(app: FastifyInstance) {
  const { db } = app;
  return {
    get(userId: string): Promise<Settings> {
      return findSettings(db, userId);
    },

    update(userId: string, patch: SettingsPatch): Promise<Settings> {
      if (Object.keys(patch).length === 0) return findSettings(db, userId);
      return upsertSettings(db, userId, patch);
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
