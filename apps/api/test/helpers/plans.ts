import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@ct/db';

/** One node of `EXPLAIN (FORMAT JSON)`: what the planner chose, with its children. */
export interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  'Plan Rows': number;
  'Heap Fetches'?: number;
  Plans?: PlanNode[];
}

/** The plan PostgreSQL (or PGlite) picks for `query`; `options` as in `, analyze`. */
export async function planOf(db: Executor, query: SQL | { getSQL(): SQL }, options = ''): Promise<PlanNode> {
  const statement = 'getSQL' in query ? query.getSQL() : query;
  const result = await db.execute(sql`explain (format json${sql.raw(options)}) ${statement}`);
  const row = (result as unknown as { rows: Record<string, unknown>[] }).rows[0]!;
  const json = Object.values(row)[0];
  return (typeof json === 'string' ? JSON.parse(json) : json)[0].Plan as PlanNode;
}

/** Every node of a plan, depth first: `Index Scan using calls_user_created_idx`, `Sort`, `Limit`… */
export function planSteps(node: PlanNode, out: string[] = []): string[] {
  out.push(
    `${node['Node Type']}${node['Index Name'] ? ` using ${node['Index Name']}` : node['Relation Name'] ? ` on ${node['Relation Name']}` : ''}`,
  );
  for (const child of node.Plans ?? []) planSteps(child, out);
  return out;
}
