import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { calls, imports } from '@ct/db';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { signedIn, type Agent } from '../helpers/client.ts';
import { createUser } from '../helpers/factories.ts';
import { fixture, generatedCsv, multipart, upload } from './helpers.ts';
import { IMPORT_RATE } from '../../src/modules/imports/imports.routes.ts';

let t: TestContext;
let agent: Agent;

beforeAll(async () => {
  t = await createTestApp({ env: { IMPORT_MAX_ROWS: '50' } });
  agent = await signedIn(t.app, await createUser(t.database));
});
afterAll(async () => t.close());

async function nothingWritten() {
  const [c] = await t.database.db.select({ n: count() }).from(calls);
  const [i] = await t.database.db.select({ n: count() }).from(imports);
  return { calls: c!.n, imports: i!.n };
}

describe('POST /calls/import file limits', () => {
  it('answers 415 to a PNG renamed .csv', async () => {
    const res = await upload(agent, fixture('png-renamed.csv'), { filename: 'contacts.csv' });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({
      code: 'unsupported_media_type',
      detail: 'This is not a CSV file: it looks like a PNG image',
    });
  });

  it('answers 415 to an Excel workbook and to random bytes', async () => {
    const xlsx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]);
    expect((await upload(agent, xlsx)).json().detail).toMatch(/Excel workbook/);
    const noise = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 32));
    expect((await upload(agent, noise)).statusCode).toBe(415);
  });

  it('answers 400 to a text file with a NUL byte, naming the line', async () => {
    const res = await upload(agent, Buffer.from('Nom;Téléphone\r\nA;06 12 34 56 78\r\nB\0;06 12 34 56 79\r\n'));
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toBe('The file contains a NUL byte (line 3); it is not a valid CSV');
  });

  it('answers 413 naming the limit when the file is over IMPORT_MAX_BYTES (10 MB)', async () => {
    expect(t.env.IMPORT_MAX_BYTES).toBe(10 * 1024 * 1024);
    const line = 'Prénom;Nom;06 12 34 56 78;un commentaire assez long pour remplir le fichier rapidement\r\n';
    const big = Buffer.from(
      `Prénom;Nom;Téléphone;Commentaire\r\n${line.repeat(Math.ceil((10 * 1024 * 1024 + 1) / Buffer.byteLength(line)))}`,
    );
    expect(big.length).toBeGreaterThan(10 * 1024 * 1024);
    const before = await nothingWritten();
    const res = await upload(agent, big);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({
      code: 'payload_too_large',
      detail: 'The file is larger than 10 MB, the limit (IMPORT_MAX_BYTES)',
    });
    expect(await nothingWritten()).toEqual(before);
  });

  it('answers 400 naming the limit when the file has more rows than IMPORT_MAX_ROWS', async () => {
    const before = await nothingWritten();
    expect((await upload(agent, generatedCsv(50))).statusCode).toBe(201);
    const res = await upload(agent, generatedCsv(51, 1000));
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toBe('The file has more than 50 rows, the limit (IMPORT_MAX_ROWS); split it');
    const dry = await upload(agent, generatedCsv(51, 2000), { query: 'dryRun=true' });
    expect(dry.statusCode).toBe(400);
    expect(await nothingWritten()).toEqual({ calls: before.calls + 50, imports: before.imports + 1 });
  });

  it('answers 400 to an empty file, a missing file field and a quote never closed', async () => {
    expect((await upload(agent, Buffer.alloc(0))).json().detail).toBe('The file is empty');
    const noFile = multipart(null, undefined, { dedupe: 'skip' });
    const res = await agent.request({
      method: 'POST',
      url: '/calls/import',
      payload: noFile.payload,
      headers: noFile.headers,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'file', message: 'Required' }]);
    const open = await upload(
      agent,
      Buffer.from('Nom;Téléphone\r\nA;06 12 34 56 78\r\nB;"06 12 34 56 79\r\nC;06 12 34 56 80\r\n'),
    );
    expect(open.statusCode).toBe(400);
    expect(open.json().detail).toMatch(/^Line 3: a quote \("\) opened in this row is never closed/);
  });

  it('answers 415 to a body that is not multipart (text/plain, JSON, raw CSV)', async () => {
    for (const type of ['text/plain', 'text/csv', 'application/json']) {
      const payload = type === 'application/json' ? '{"file":"Nom;Tel"}' : 'Nom;Téléphone\n';
      const res = await agent.request({
        method: 'POST',
        url: '/calls/import',
        payload,
        headers: { 'content-type': type },
      });
      expect(res.statusCode, type).toBe(415);
    }
  });

  it('refuses invalid options and a second file', async () => {
    expect((await upload(agent, generatedCsv(2), { query: 'dedupe=merge' })).statusCode).toBe(400);
    expect((await upload(agent, generatedCsv(2), { fields: { mapping: '{not json' } })).json().errors[0]).toMatchObject(
      { path: 'mapping' },
    );
    const two = multipart(generatedCsv(1), 'a.csv');
    const second = multipart(generatedCsv(1), 'b.csv', {}, { fileField: 'other' });
    const boundary = two.headers['content-type'].split('boundary=')[1]!;
    const secondBoundary = second.headers['content-type'].split('boundary=')[1]!;
    const payload = Buffer.concat([
      two.payload.subarray(0, two.payload.length - `--${boundary}--\r\n`.length),
      Buffer.from(second.payload.toString('latin1').replaceAll(secondBoundary, boundary), 'latin1'),
    ]);
    expect(
      (await agent.request({ method: 'POST', url: '/calls/import', payload, headers: two.headers })).statusCode,
    ).toBe(413);
  });

  it('needs the CSRF token (403, nothing written) and a session (401)', async () => {
    const before = await nothingWritten();
    const body = multipart(generatedCsv(3, 5000));
    const res = await agent.request({
      method: 'POST',
      url: '/calls/import',
      payload: body.payload,
      headers: body.headers,
      csrf: null,
    });
    expect(res.statusCode).toBe(403);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/calls/import',
      payload: body.payload,
      headers: body.headers,
    });
    expect(anonymous.statusCode).toBe(401);
    expect(await nothingWritten()).toEqual(before);
  });
});

describe('POST /calls/import rate limit', () => {
  it(`answers 429 past ${IMPORT_RATE.max} uploads per user in the window, and not to another user`, async () => {
    const user = await signedIn(t.app, await createUser(t.database));
    for (let i = 0; i < IMPORT_RATE.max; i++)
      expect((await upload(user, generatedCsv(1), { query: 'dryRun=true' })).statusCode).toBe(200);
    const limited = await upload(user, generatedCsv(1), { query: 'dryRun=true' });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    const other = await signedIn(t.app, await createUser(t.database));
    expect((await upload(other, generatedCsv(1), { query: 'dryRun=true' })).statusCode).toBe(200);
  });
});
