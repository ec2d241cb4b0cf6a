import { eq, sql } from 'drizzle-orm';
import { settings, type Executor } from '@ct/db';
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '@ct/contracts';

export type SettingsRow = typeof settings.$inferSelect;

export function mapSettings(row: SettingsRow): Settings {
  return {
    workHours: row.workHours,
    defaultReminderSlot: row.defaultReminderSlot,
    defaultStatusAfterCall: row.defaultStatusAfterCall,
    confirmBeforeDelete: row.confirmBeforeDelete,
    remindersOrder: row.remindersOrder as Settings['remindersOrder'],
    preReminderDelay: row.preReminderDelay,
    maxAttempts: row.maxAttempts,
    phoneRegion: row.phoneRegion,
    enableReminders: row.enableReminders,
    enableNotifications: row.enableNotifications,
    notifReminder: row.notifReminder,
    notifCalls: row.notifCalls,
    notifFraud: row.notifFraud,
    notifTeam: row.notifTeam,
    notifFrequency: row.notifFrequency as Settings['notifFrequency'],
    urgentHighlight: row.urgentHighlight,
  };
}

/** A user's settings; a user without a row (should not happen) gets the defaults. */
export async function findSettings(db: Executor, userId: string): Promise<Settings> {
  const [row] = await db.select().from(settings).where(eq(settings.userId, userId)).limit(1);
  return row ? mapSettings(row) : { ...DEFAULT_SETTINGS };
}

export async function upsertSettings(db: Executor, userId: string, patch: SettingsPatch): Promise<Settings> {
  const [row] = await db
    .insert(settings)
    .values({ userId, ...DEFAULT_SETTINGS, ...patch })
    .onConflictDoUpdate({ target: settings.userId, set: { ...patch, updatedAt: sql`now()` } })
    .returning();
  if (!row) throw new Error('settings upsert returned nothing');
  return mapSettings(row);
}
