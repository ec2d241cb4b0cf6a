import { DEFAULT_SETTINGS } from '@ct/contracts';
import { hashPassword, settings, teamMembers, teams, users, type Db } from '@ct/db';

/**
 * The people of a team benchmark: `count` callers with their settings, signed in with `password`, and
 * their team — the first one its lead when `leadFirst`. Returns them in order, and the team's id.
 */
export async function insertTeamOfCallers(
  db: Db,
  options: {
    emailPrefix: string;
    count: number;
    password: string;
    teamName: string;
    timezone?: string;
    leadFirst?: boolean;
  },
) {
  const passwordHash = await hashPassword(options.password);
  const people = await db
    .insert(users)
    .values(
      Array.from({ length: options.count }, (_, i) => ({
        email: `${options.emailPrefix}-${String(i).padStart(2, '0')}@bench.local`,
        name: `Caller ${i}`,
        passwordHash,
        ...(options.timezone ? { timezone: options.timezone } : {}),
      })),
    )
    .returning({ id: users.id, email: users.email });
  await db.insert(settings).values(people.map((p) => ({ userId: p.id, ...DEFAULT_SETTINGS })));
  const [team] = await db.insert(teams).values({ name: options.teamName }).returning({ id: teams.id });
  await db.insert(teamMembers).values(
    people.map((p, i) => ({
      teamId: team!.id,
      userId: p.id,
      role: options.leadFirst && i === 0 ? ('lead' as const) : ('member' as const),
    })),
  );
  return { people, teamId: team!.id };
}
