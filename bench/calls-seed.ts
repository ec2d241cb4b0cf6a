import { readdirSync, readFileSync } from 'node:fs';
import type pg from 'pg';
import { buildSearchText, DEFAULT_SETTINGS, foldText } from '@ct/contracts';
import { hashPassword } from '@ct/db';
import { FIRST_NAMES, LAST_NAMES, NOTES } from '../packages/db/src/seed/names.ts';

/**
 * Bulk seed for the calls benchmark: USERS users and `total` calls spread evenly over them, with
 * attempts (history) and reminders around today, all generated inside PostgreSQL with
 * INSERT … SELECT generate_series (a million rows in well under a minute). Secondary indexes are
 * dropped during the load and rebuilt after it, which is much faster than maintaining them row by row.
 */

export const USERS = 100;
export const BENCH_PASSWORD = 'bench-password-1234';
export const benchEmail = (n: number) => `bench-${String(n).padStart(3, '0')}@bench.local`;

const TABLES = ['calls', 'reminders', 'call_status_history'];
const ROLLUP = ['kpi_attempt_buckets', 'kpi_contact_days'];

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  process.stdout.write(`  ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return result;
}

export async function countBenchCalls(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ n: string }>(
    `select count(*) as n from calls c join users u on u.id = c.user_id where u.email like 'bench-%@bench.local'`,
  );
  return Number(rows[0]?.n ?? 0);
}

export async function seedBench(client: pg.ClientBase, total: number): Promise<void> {
  process.stdout.write(`Seeding ${total.toLocaleString('en')} calls over ${USERS} users…\n`);
  await client.query(`set maintenance_work_mem = '512MB'`);
  await client.query('select setseed(0.4242)');
  await timed('truncate', () =>
    client.query(
      `truncate users, calls, call_status_history, reminders, notifications, audits, sessions, settings, imports, ${ROLLUP.join(', ')} restart identity cascade`,
    ),
  );

  const hash = await hashPassword(BENCH_PASSWORD);
  await timed('users + settings', async () => {
    await client.query(
      `insert into users (email, name, password_hash, timezone)
       select format('bench-%s@bench.local', lpad(n::text, 3, '0')), format('Bench %s', n), $1, 'Europe/Paris' from generate_series(0, $2 - 1) n`,
      [hash, USERS],
    );
    const s = DEFAULT_SETTINGS;
    await client.query(
      `insert into settings (user_id, work_hours, default_reminder_slot, default_status_after_call, confirm_before_delete, reminders_order,
         pre_reminder_delay, max_attempts, phone_region, enable_reminders, enable_notifications, notif_reminder, notif_calls, notif_fraud, notif_frequency, urgent_highlight)
       select id, $1::jsonb, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15 from users`,
      [
        JSON.stringify(s.workHours),
        s.defaultReminderSlot,
        s.defaultStatusAfterCall,
        s.confirmBeforeDelete,
        s.remindersOrder,
        s.preReminderDelay,
        s.maxAttempts,
        s.phoneRegion,
        s.enableReminders,
        s.enableNotifications,
        s.notifReminder,
        s.notifCalls,
        s.notifFraud,
        s.notifFrequency,
        s.urgentHighlight,
      ],
    );
    await client.query(
      `create temp table bench_users as select (row_number() over (order by email) - 1)::int as n, id from users`,
    );
  });

  const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
    `select indexname, indexdef from pg_indexes where schemaname = 'public' and tablename = any($1) and indexname not like '%_pkey'`,
    [TABLES],
  );
  for (const { indexname } of indexes) await client.query(`drop index if exists "${indexname}"`);
  // The rows are consistent by construction: skip the per-row foreign-key triggers during the load.
  await client.query('set session_replication_role = replica');

  await timed('calls', () =>
    client.query(
      `insert into calls (user_id, contact_first_name, contact_last_name, phone, phone_e164, phone_valid, status, type, description,
         last_call_at, attempts, search_text, created_at, updated_at)
       select u.id, f.name, l.name, p.typed, p.e164, true, s.status, t.type, d.text,
              case when s.status = 'to_call' then null else now() - random() * interval '90 days' end,
              case when s.status = 'to_call' then 0 else 1 + floor(random() * 5)::int end,
              concat_ws(' ', f.folded, l.folded, nullif(d.folded, ''), p.raw, p.e164_digits, nullif(p.national, p.raw)),
              g.created, g.created
       from (select i, now() - interval '90 days' - random() * interval '90 days' as created, random() as rs, random() as rt, random() as rd,
                    random() as rf, random() as rl, (case when random() < 0.75 then '6' else '7' end) || lpad(floor(random() * 1e8)::bigint::text, 8, '0') as sub
             from generate_series(0, $1 - 1) i) g
       join bench_users u on u.n = g.i % ${USERS}
       cross join lateral (select ($2::text[])[1 + floor(g.rf * array_length($2::text[], 1))::int] as name, ($3::text[])[1 + floor(g.rf * array_length($3::text[], 1))::int] as folded) f
       cross join lateral (select ($4::text[])[1 + floor(g.rl * array_length($4::text[], 1))::int] as name, ($5::text[])[1 + floor(g.rl * array_length($5::text[], 1))::int] as folded) l
       cross join lateral (select case when g.rd < 0.6 then ($6::text[])[1 + floor(g.rd / 0.6 * array_length($6::text[], 1))::int] else '' end as text,
                                  case when g.rd < 0.6 then ($7::text[])[1 + floor(g.rd / 0.6 * array_length($7::text[], 1))::int] else '' end as folded) d
       cross join lateral (select case g.i % 3 when 0 then regexp_replace('0' || g.sub, '(\\d\\d)(?=\\d)', '\\1 ', 'g') when 1 then '0033' || g.sub else '0' || g.sub end as typed,
                                  case g.i % 3 when 1 then '0033' || g.sub else '0' || g.sub end as raw,
                                  '+33' || g.sub as e164, '33' || g.sub as e164_digits, '0' || g.sub as national) p
       cross join lateral (select (case when g.rs < 0.25 then 'to_call' when g.rs < 0.40 then 'no_answer' when g.rs < 0.50 then 'voicemail'
                                        when g.rs < 0.65 then 'callback' when g.rs < 0.80 then 'reached' when g.rs < 0.88 then 'not_interested'
                                        when g.rs < 0.90 then 'wrong_number' else 'done' end)::call_status as status) s
       cross join lateral (select (array['prospecting', 'follow_up', 'support', 'other'])[1 + floor(g.rt * 4)::int]::call_type as type) t`,
      [total, FIRST_NAMES, FIRST_NAMES.map(foldText), LAST_NAMES, LAST_NAMES.map(foldText), NOTES, NOTES.map(foldText)],
    ),
  );

  await timed('history (1–3 attempts per called contact)', () =>
    client.query(
      `insert into call_status_history (call_id, user_id, status, note, occurred_at, created_by, created_at)
       select c.id, c.user_id, case when k = 0 then c.status else 'no_answer'::call_status end, '', c.last_call_at - k * interval '3 days', c.user_id, c.last_call_at
       from calls c cross join lateral generate_series(0, least(c.attempts, 3) - 1) k
       where c.last_call_at is not null`,
    ),
  );

  await timed('reminders (callbacks from a week ago to two weeks ahead)', async () => {
    await client.query(
      `insert into reminders (call_id, user_id, scheduled_at, previous_status, priority, done, done_at, created_at, updated_at)
       select c.id, c.user_id, c.at, c.status, (array['low', 'normal', 'high', 'urgent'])[1 + floor(random() * 4)::int]::reminder_priority,
              c.at < date_trunc('day', now()) and random() < 0.5, null, c.created_at, c.created_at
       from (select id, user_id, status, created_at, date_trunc('minute', now() - interval '7 days' + random() * interval '21 days') as at
             from calls where status in ('no_answer', 'voicemail', 'callback')) c`,
    );
    await client.query(`update reminders set done_at = scheduled_at + interval '1 hour' where done`);
    await client.query(
      `update calls c set next_reminder_at = r.first from (select call_id, min(scheduled_at) as first from reminders where not done group by call_id) r where r.call_id = c.id`,
    );
  });

  await client.query('set session_replication_role = origin');
  await timed(`rebuild ${indexes.length} indexes`, async () => {
    for (const { indexdef } of indexes) await client.query(indexdef);
  });
  // The load ran without triggers: the KPI roll-up is filled as an upgrade fills it.
  await timed('KPI roll-up backfill', () => backfillKpiRollup(client));
  await timed('vacuum analyze', async () => {
    for (const table of [...TABLES, ...ROLLUP, 'users', 'settings']) await client.query(`vacuum analyze ${table}`);
  });
  await checkSearchText(client);
}

/** Fills the KPI roll-up from the history with the migration's own backfill (decision 0110). */
export async function backfillKpiRollup(client: pg.ClientBase): Promise<void> {
  const folder = new URL('../packages/db/migrations/', import.meta.url);
  const file = readdirSync(folder).find((name) => name.endsWith('_kpi_rollup.sql'));
  if (!file) throw new Error('no _kpi_rollup.sql migration');
  const migration = readFileSync(new URL(file, folder), 'utf8');
  await client.query(migration.slice(migration.lastIndexOf('DO $$')));
}

/** The SQL-built search text must be exactly what the API writes (buildSearchText) for the benchmark to mean anything. */
async function checkSearchText(client: pg.ClientBase): Promise<void> {
  const { rows } = await client.query<{
    first: string;
    last: string;
    description: string;
    phone: string;
    e164: string | null;
    search: string;
  }>(
    `select contact_first_name as first, contact_last_name as last, description, phone, phone_e164 as e164, search_text as search from calls tablesample system (0.1) limit 500`,
  );
  const wrong = rows.filter(
    (r) =>
      buildSearchText({
        firstName: r.first,
        lastName: r.last,
        description: r.description,
        phone: r.phone,
        phoneE164: r.e164,
      }) !== r.search,
  );
  if (wrong.length > 0) {
    const r = wrong[0]!;
    throw new Error(
      `seeded search_text differs from buildSearchText for ${wrong.length}/${rows.length} rows, e.g. ${JSON.stringify(r)}`,
    );
  }
  process.stdout.write(`  search_text matches buildSearchText on ${rows.length} sampled rows\n`);
}
