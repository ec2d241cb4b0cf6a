import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';
import { insertCall, insertReminder, updateProfile, updateSettings } from '../helpers/rows.ts';
import { startSmtp } from '../helpers/smtp.ts';
import { JobRunner } from '../../src/jobs/runner.ts';
import { reminderDueJob } from '../../src/jobs/reminder-due.job.ts';
import { digestJob } from '../../src/jobs/digest.job.ts';

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let t: TestContext;
beforeAll(async () => {
  smtp = await startSmtp();
  t = await createTestApp({
    now: '2026-03-02T06:00:00Z',
    env: { SMTP_URL: smtp.url, MAIL_FROM: 'Call Tracking <noreply@ct.test>' },
  });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const mailsTo = (email: string) => smtp.messages.filter((m) => m.to.includes(email));

describe('email channel (SMTP_URL set)', () => {
  it('emails reminder_due in French to a French-speaking user', async () => {
    const user = await createUser(t.database);
    const call = await insertCall(t.database, user.id, { firstName: 'Hélène', lastName: 'Dupré' });
    await insertReminder(t.database, call, '2026-03-02T10:00:00Z', { note: 'Devis à confirmer' });
    await new JobRunner(t.app, [reminderDueJob]).tick(new Date('2026-03-02T09:45:00Z'));
    const [mail, ...more] = mailsTo(user.email);
    expect(more).toHaveLength(0);
    expect(mail?.subject).toBe('Rappel à 11:00 : Hélène Dupré');
    expect(mail?.headers['content-language']).toBe('fr');
    expect(mail?.headers.from).toContain('noreply@ct.test');
    expect(mail?.text).toContain('Hélène Dupré — 06 23 45 87 91');
    expect(mail?.text).toContain('Devis à confirmer');
    expect(mail?.text).toContain(`http://localhost:3000/calls?open=${call.id}`);
    expect(mail?.text).toContain('Vous recevez cet email');
  });

  it('emails reminder_due in English to an English-speaking user', async () => {
    const user = await createUser(t.database);
    await updateProfile(t.database, user.id, { language: 'en' });
    const call = await insertCall(t.database, user.id, { firstName: 'Sam', lastName: 'Lee' });
    await insertReminder(t.database, call, '2026-03-03T10:00:00Z');
    await new JobRunner(t.app, [reminderDueJob]).tick(new Date('2026-03-03T09:45:00Z'));
    const [mail] = mailsTo(user.email);
    expect(mail?.subject).toBe('Callback at 11:00: Sam Lee');
    expect(mail?.headers['content-language']).toBe('en');
    expect(mail?.text).toContain('You receive this email');
  });

  it('emails the digest, not the notifications it batches', async () => {
    const user = await createUser(t.database);
    await updateSettings(t.database, user.id, { notifFrequency: 'daily' });
    t.clock.set('2026-03-03T14:00:00Z');
    await t.app.notifications.notify(user.id, {
      text: { kind: 'call_logged', contactName: 'Hélène Dupré', phone: '06 23 45 87 91', status: 'reached' },
      dedupeKey: 'email-test:held',
      link: null,
    });
    expect(mailsTo(user.email)).toHaveLength(0);
    await new JobRunner(t.app, [digestJob]).tick(new Date('2026-03-04T08:00:00Z'));
    const mails = mailsTo(user.email);
    expect(mails.map((m) => m.subject)).toEqual(['Votre résumé du jour']);
    expect(mails[0]?.text).toContain('1 appel enregistré');
  });

  it('does not email call_logged', async () => {
    const user = await createUser(t.database);
    const call = await insertCall(t.database, user.id);
    await t.app.events.emit('call.logged', {
      userId: user.id,
      callId: call.id,
      historyId: '00000000-0000-4000-8000-000000000001',
      status: 'reached',
      contactName: 'Jeanne Martin',
      phone: '06 23 45 87 91',
      occurredAt: t.clock.now(),
      reminderId: null,
    });
    expect(mailsTo(user.email)).toHaveLength(0);
  });
});

describe('email channel with the SMTP relay down', () => {
  it('still writes and pushes the notification, and logs the failed email', async () => {
    const down = await startSmtp();
    await down.close(); // the port is free again: connections are refused
    const ctx = await createTestApp({ now: '2026-03-02T06:00:00Z', env: { SMTP_URL: down.url } });
    try {
      const user = await createUser(ctx.database);
      const call = await insertCall(ctx.database, user.id);
      await insertReminder(ctx.database, call, '2026-03-02T10:00:00Z');
      const [result] = await new JobRunner(ctx.app, [reminderDueJob]).tick(new Date('2026-03-02T09:45:00Z'));
      expect(result).toMatchObject({ status: 'succeeded', summary: { notified: 1 } });
      expect(ctx.logs.some((l) => l.msg === 'notification email failed')).toBe(true);
    } finally {
      await ctx.close();
    }
  });
});
