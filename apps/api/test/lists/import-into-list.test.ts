import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../helpers/client.ts';
import { rows } from '../helpers/db-state.ts';
import { multipart } from '../imports/helpers.ts';
import { createCall, query } from '../calls/fixtures.ts';
import { createTeamCast, type TeamCast } from './fixtures.ts';

/** POST /calls/import?listId=: a CSV straight into a team list. */
let cast: TeamCast;
let listId: string;
let otherListId: string;
let archivedId: string;
let foreignListId: string;

let seq = 0;
function csvOf(rowsOf: [string, string][]): Buffer {
  // A comment column makes each file unique, so that no test replays another's import.
  const lines = [
    'Prénom;Nom;Téléphone;Commentaire',
    ...rowsOf.map(([name, phone]) => `${name};Test;${phone};${++seq}`),
  ];
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

function upload(agent: Agent, file: Buffer, query: string) {
  const body = multipart(file, 'liste.csv');
  return agent.request({ method: 'POST', url: `/calls/import?${query}`, payload: body.payload, headers: body.headers });
}

const onList = (callId: string, list: string) =>
  query(cast.t.database, `update calls set list_id = '${list}' where id = '${callId}'`);

beforeAll(async () => {
  cast = await createTeamCast('2026-03-24T10:00:00Z');
  const { lead, admin, teamId } = cast;
  const create = async (agent: Agent, name: string, team: string) => {
    const res = await agent.post('/lists', { name, teamId: team });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  };
  listId = await create(lead, 'Import', teamId);
  otherListId = await create(lead, 'Autre liste', teamId);
  archivedId = await create(lead, 'Archivée', teamId);
  await lead.patch(`/lists/${archivedId}`, { archived: true });
  const nantes = (await admin.post('/teams', { name: 'Nantes' })).json<{ id: string }>().id;
  foreignListId = await create(admin, 'Nantes', nantes);
});
afterAll(() => cast.t.close());

describe('POST /calls/import?listId=', () => {
  it('puts every created call on the list, and audits what the list gained', async () => {
    const res = await upload(
      cast.lead,
      csvOf([
        ['Alice', '06 11 22 33 01'],
        ['Bruno', '06 11 22 33 02'],
      ]),
      `listId=${listId}`,
    );
    expect(res.statusCode, res.body).toBe(201);
    const imported = res.json<{ id: string; counts: { created: number } }>();
    expect(imported.counts.created).toBe(2);
    const created = await rows<{ list_id: string; user_id: string; version: number }>(
      cast.t.database,
      `select list_id, user_id, version from calls where import_id = '${imported.id}'`,
    );
    expect(created).toEqual([
      { list_id: listId, user_id: cast.leadUser.id, version: 1 },
      { list_id: listId, user_id: cast.leadUser.id, version: 1 },
    ]);
    const [audit] = await rows<{ target_id: string; meta: Record<string, unknown> }>(
      cast.t.database,
      `select target_id, meta from audits where action = 'list_calls_added' and meta->>'importId' = '${imported.id}'`,
    );
    expect(audit).toEqual({
      target_id: listId,
      meta: { added: 2, moved: 0, callIds: [], importId: imported.id },
    });
    const list = (await cast.member.get(`/lists/${listId}`)).json<{ total: number }>();
    expect(list.total).toBe(2);
  });

  it('a duplicate goes on the list when the importer could put it there; one on another team is not a duplicate', async () => {
    const personal = await createCall(cast.lead, { lastName: 'Perso', phone: '06 11 22 44 01' });
    const onOtherList = await createCall(cast.lead, { lastName: 'Ailleurs', phone: '06 11 22 44 02' });
    await onList(onOtherList.id, otherListId);
    const otherTeam = await createCall(cast.lead, { lastName: 'Nantes', phone: '06 11 22 44 03' });
    await onList(otherTeam.id, foreignListId);
    const file = csvOf([
      ['Perso', '06 11 22 44 01'],
      ['Ailleurs', '06 11 22 44 02'],
      ['Nantes', '06 11 22 44 03'],
    ]);

    // The preview says what the run does.
    const preview = await upload(cast.lead, file, `listId=${listId}&dryRun=true`);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ counts: { created: 1, skipped: 2 } });

    const res = await upload(cast.lead, file, `listId=${listId}`);
    expect(res.statusCode, res.body).toBe(201);
    const imported = res.json<{ id: string; counts: Record<string, number> }>();
    expect(imported.counts).toMatchObject({ created: 1, skipped: 2 });
    const byName = await rows<{ contact_last_name: string; list_id: string | null; import_id: string | null }>(
      cast.t.database,
      `select contact_last_name, list_id, import_id from calls where phone_e164 in ('+33611224401', '+33611224402', '+33611224403') order by phone_e164, import_id nulls first`,
    );
    expect(byName).toEqual([
      { contact_last_name: 'Perso', list_id: listId, import_id: null },
      { contact_last_name: 'Ailleurs', list_id: listId, import_id: null },
      { contact_last_name: 'Nantes', list_id: foreignListId, import_id: null },
      { contact_last_name: 'Test', list_id: listId, import_id: imported.id }, // a new call: the match was another team's
    ]);
    const [audit] = await rows<{ meta: { added: number; moved: number; callIds: string[] } }>(
      cast.t.database,
      `select meta from audits where action = 'list_calls_added' and meta->>'importId' = '${imported.id}'`,
    );
    expect(audit?.meta).toMatchObject({ added: 3, moved: 1 });
    expect([...audit!.meta.callIds].sort()).toEqual([personal.id, onOtherList.id].sort());
  });

  it('the same file into another list is another import; into the same list, a replay', async () => {
    const file = csvOf([['Chloé', '06 11 22 55 01']]);
    const first = await upload(cast.lead, file, `listId=${listId}`);
    expect(first.statusCode, first.body).toBe(201);
    const again = await upload(cast.lead, file, `listId=${listId}`);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const elsewhere = await upload(cast.lead, file, `listId=${otherListId}`);
    expect(elsewhere.statusCode, elsewhere.body).toBe(201);
    expect(elsewhere.json<{ id: string }>().id).not.toBe(first.json<{ id: string }>().id);
  });

  it('reverting such an import soft-deletes the calls it created; the existing calls it put on the list stay', async () => {
    const kept = await createCall(cast.lead, { lastName: 'Gardé', phone: '06 11 22 66 01' });
    const res = await upload(
      cast.lead,
      csvOf([
        ['Gardé', '06 11 22 66 01'],
        ['Neuf', '06 11 22 66 02'],
        ['Neuve', '06 11 22 66 03'],
      ]),
      `listId=${listId}`,
    );
    expect(res.statusCode, res.body).toBe(201);
    const { id } = res.json<{ id: string }>();
    const reverted = await cast.lead.post(`/imports/${id}/revert`);
    expect(reverted.statusCode, reverted.body).toBe(200);
    expect(reverted.json()).toMatchObject({ reverted: 2, keptEdited: [], alreadyDeleted: 0 });
    const live = await rows<{ id: string }>(
      cast.t.database,
      `select id from calls where list_id = '${listId}' and deleted_at is null and phone_e164 like '+3361122660%'`,
    );
    expect(live).toEqual([{ id: kept.id }]);
  });

  it('an admin imports into any list; a plain member gets 403, anyone else 404; an archived list 409', async () => {
    const file = () => csvOf([['Denis', '06 11 22 77 01']]);
    expect((await upload(cast.admin, file(), `listId=${otherListId}`)).statusCode).toBe(201);
    const member = await upload(cast.member, file(), `listId=${listId}`);
    expect(member.statusCode, member.body).toBe(403);
    for (const res of [
      await upload(cast.outsider, file(), `listId=${listId}`),
      await upload(cast.lead, file(), `listId=${foreignListId}`),
      await upload(cast.lead, file(), 'listId=00000000-0000-4000-8000-000000000000'),
    ]) {
      expect(res.statusCode, res.body).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const archived = await upload(cast.lead, file(), `listId=${archivedId}`);
    expect(archived.statusCode).toBe(409);
    expect(archived.json()).toMatchObject({ code: 'list_archived' });
    const bad = await upload(cast.lead, file(), 'listId=nope');
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('listId');
    // None of the refused uploads wrote a call.
    expect(await rows(cast.t.database, "select id from calls where phone_e164 = '+33611227701'")).toHaveLength(1);
  });
});
