// Photos of documents: images only (by content), at most 5 MB, stored under UPLOAD_DIR with a
// random name, shown only to the uploader and the parties of the case that claimed them.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { InjectOptions } from 'fastify';
import { createDatabase, type Db } from '../../server/src/db/database';
import { DEMO_VILLAGES } from '../../server/src/db/seed/demo-regions';
import { claimAttachments } from '../../server/src/modules/attachments/claim';
import { createAttachmentRepository } from '../../server/src/modules/attachments/repository';
import { createAttachmentService } from '../../server/src/modules/attachments/service';
import type { Role } from '../../server/src/http/access';
import { startHarness, type Harness } from '../support/app-harness';
import { testDatabases } from '../support/test-db';

const HOME = DEMO_VILLAGES[0];
const NEIGHBOUR = DEMO_VILLAGES[1];
const OTHER_TOWNSHIP = DEMO_VILLAGES.find((v) => v.slice(0, 9) !== HOME.slice(0, 9))!;
const MB = 1024 * 1024;

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(40, 1)]);
const JPEG = Buffer.concat([Buffer.from('ffd8ffe000104a464946', 'hex'), Buffer.alloc(40, 2)]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(40, 3)]);

function multipart(file: Buffer, filename: string, type: string): Pick<InjectOptions, 'headers' | 'payload'> {
  const boundary = `----mulin${randomUUID()}`;
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

describe.each(testDatabases())('attachments on $dialect', (testDb) => {
  let h: Harness;
  let db: Db;
  beforeAll(async () => {
    h = await startHarness(testDb);
    db = createDatabase(h.config.database);
  });
  afterAll(async () => {
    await db?.destroy();
    await h?.close();
    fs.rmSync(h.config.uploadDir, { recursive: true, force: true });
  });

  const person = async (name: string, role: Role = 'resident', villageCode = HOME) => {
    const headers = await h.as({ name, role, villageCode });
    const id = (await h.call({ method: 'GET', url: '/api/v1/me', headers })).json().id as string;
    return { headers, id };
  };
  const upload = (headers: Record<string, string>, file: Buffer, filename = 'photo.jpg', type = 'image/jpeg') => {
    const body = multipart(file, filename, type);
    return h.call({ method: 'POST', url: '/api/v1/attachments', headers: { ...headers, ...body.headers }, payload: body.payload });
  };
  const uploaded = async (headers: Record<string, string>, file: Buffer = PNG) => {
    const res = await upload(headers, file);
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  };
  const view = (headers: Record<string, string>, id: string) => h.call({ method: 'GET', url: `/api/v1/attachments/${id}`, headers });
  const openCase = async (residentId: string, villageCode = HOME) => {
    const id = randomUUID();
    const at = new Date().toISOString();
    await db
      .insertInto('cases')
      .values({
        id,
        number: `YC-TEST-${id.slice(0, 8)}`,
        service_code: 'shjz-01',
        channel: 'online',
        resident_id: residentId,
        village_code: villageCode,
        status: 'submitted',
        handover: null,
        home_visit_reason: null,
        slot_date: null,
        slot_half: null,
        description: '申请低保',
        materials_checked: '[]',
        assignee_id: null,
        accepted_at: null,
        due_at: null,
        closed_at: null,
        result_note: null,
        reject_reason: null,
        reject_referral: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    return id;
  };
  const caseOf = async (id: string) => (await db.selectFrom('attachments').select('case_id').where('id', '=', id).executeTakeFirstOrThrow()).case_id;

  describe('upload', () => {
    it.each([
      ['PNG', PNG, 'image/png'],
      ['JPEG', JPEG, 'image/jpeg'],
      ['WebP', WEBP, 'image/webp'],
    ])('accepts a %s by its content, whatever its name, and stores it under a random name', async (_kind, file, mime) => {
      const me = await person('上传者');
      const res = await upload(me.headers, file, 'scan.bin', 'application/octet-stream');
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual({ id: expect.any(String), mime, size: file.length });

      const row = await db.selectFrom('attachments').selectAll().where('id', '=', res.json().id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ uploader_id: me.id, case_id: null, mime, size: file.length });
      expect(row.file_name).toMatch(/^[0-9a-f]{32}\.(png|jpg|webp)$/);
      expect(fs.readFileSync(path.join(h.config.uploadDir, row.file_name)).equals(file)).toBe(true);

      const back = await view(me.headers, res.json().id);
      expect(back.statusCode).toBe(200);
      expect(back.headers['content-type']).toBe(mime);
      expect(back.headers['cache-control']).toMatch(/private/);
      expect(back.rawPayload.equals(file)).toBe(true);
    });

    it('refuses a text file named .jpg with 415', async () => {
      const me = await person('改名者');
      const res = await upload(me.headers, Buffer.from('这不是照片，是一段文字\n'), 'id-card.jpg', 'image/jpeg');
      expect(res.statusCode).toBe(415);
      expect(res.json().error).toEqual({ code: 'FILE_NOT_IMAGE', message: expect.stringMatching(/照片/) });
    });

    it('takes exactly 5 MB and refuses 5 MB + 1 byte with 413, keeping nothing', async () => {
      const me = await person('大图者');
      const fiveMb = Buffer.concat([PNG, Buffer.alloc(5 * MB - PNG.length)]);
      expect((await upload(me.headers, fiveMb)).statusCode).toBe(201);
      const before = fs.readdirSync(h.config.uploadDir).length;
      const res = await upload(me.headers, Buffer.concat([fiveMb, Buffer.from([0])]));
      expect(res.statusCode).toBe(413);
      expect(res.json().error).toEqual({ code: 'FILE_TOO_LARGE', message: expect.stringMatching(/5 MB/) });
      expect(fs.readdirSync(h.config.uploadDir)).toHaveLength(before);
    });

    it('answers a request without a file with 400 and a Chinese message', async () => {
      const me = await person('空手者');
      const json = await h.call({ method: 'POST', url: '/api/v1/attachments', headers: me.headers, payload: { file: 'x' } });
      expect(json.statusCode).toBe(400);
      expect(json.json().error.code).toBe('FILE_REQUIRED');
      const boundary = 'empty-form';
      const empty = await h.call({
        method: 'POST',
        url: '/api/v1/attachments',
        headers: { ...me.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${boundary}--\r\n`,
      });
      expect(empty.statusCode).toBe(400);
      expect(empty.json().error).toEqual({ code: 'FILE_REQUIRED', message: expect.stringMatching(/照片/) });
      const anonymous = await upload({}, PNG);
      expect(anonymous.statusCode).toBe(401);
    });
  });

  describe('who may see it', () => {
    it('shows an unclaimed upload to its uploader only', async () => {
      const me = await person('张大爷');
      const id = await uploaded(me.headers);
      expect((await view(me.headers, id)).statusCode).toBe(200);
      for (const other of [await person('李大妈'), await person('本村干部', 'cadre')]) {
        const res = await view(other.headers, id);
        expect(res.statusCode).toBe(404);
        expect(res.json().error.code).toBe('ATTACHMENT_NOT_FOUND');
      }
    });

    it('once a case claims it: the resident, cadres of the village and admins over it see it; others get 404', async () => {
      const resident = await person('王奶奶');
      const cadre = await person('桂花村干部', 'cadre');
      const id = await uploaded(cadre.headers, JPEG);
      const caseId = await openCase(resident.id);
      await db.transaction().execute((trx) => claimAttachments(trx, { ids: [id], uploaderId: cadre.id, caseId }));

      const allowed = [resident, cadre, await person('另一位本村干部', 'cadre'), await person('镇管理员', 'township_admin'), await person('县管理员', 'county_admin')];
      for (const who of allowed) expect((await view(who.headers, id)).statusCode).toBe(200);
      const refused = [
        await person('另一位村民'),
        await person('石桥村干部', 'cadre', NEIGHBOUR),
        await person('外镇管理员', 'township_admin', OTHER_TOWNSHIP),
      ];
      for (const who of refused) {
        const res = await view(who.headers, id);
        expect(res.statusCode).toBe(404);
        expect(res.json().error).toEqual({ code: 'ATTACHMENT_NOT_FOUND', message: expect.stringMatching(/图片/) });
      }
      // An id that never existed answers exactly the same.
      expect((await view(refused[0].headers, randomUUID())).json()).toEqual((await view(refused[0].headers, id)).json());
      expect((await view({}, id)).statusCode).toBe(401);
    });
  });

  describe('claiming for a case', () => {
    it('claims my uploads for a case', async () => {
      const me = await person('认领者');
      const ids = [await uploaded(me.headers), await uploaded(me.headers, WEBP)];
      const caseId = await openCase(me.id);
      await db.transaction().execute((trx) => claimAttachments(trx, { ids, uploaderId: me.id, caseId }));
      expect(await Promise.all(ids.map(caseOf))).toEqual([caseId, caseId]);
    });

    it('refuses someone else’s upload, one already claimed, an unknown id and more than 9, claiming none of the list', async () => {
      const me = await person('规则者');
      const other = await person('别人');
      const caseId = await openCase(me.id);
      const mine = await uploaded(me.headers);
      const theirs = await uploaded(other.headers);
      const claimed = await uploaded(me.headers);
      await claimAttachments(db, { ids: [claimed], uploaderId: me.id, caseId: await openCase(me.id) });
      const ten = await Promise.all(Array.from({ length: 10 }, () => uploaded(me.headers)));

      for (const ids of [[mine, theirs], [mine, claimed], [mine, randomUUID()], ten]) {
        const attempt = db.transaction().execute((trx) => claimAttachments(trx, { ids, uploaderId: me.id, caseId }));
        await expect(attempt).rejects.toMatchObject({ statusCode: 400, code: 'ATTACHMENT_INVALID', message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
      }
      expect(await caseOf(mine)).toBeNull();
      expect(await Promise.all(ten.map(caseOf))).toEqual(Array(10).fill(null));
      // Nine is the most one message may carry.
      await claimAttachments(db, { ids: ten.slice(0, 9), uploaderId: me.id, caseId });
      expect(await caseOf(ten[0])).toBe(caseId);
    });

    it('lets only one of two cases claim the same upload at once', async () => {
      const me = await person('并发者');
      const id = await uploaded(me.headers);
      const cases = [await openCase(me.id), await openCase(me.id)];
      const results = await Promise.allSettled(cases.map((caseId) => db.transaction().execute((trx) => claimAttachments(trx, { ids: [id], uploaderId: me.id, caseId }))));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(cases).toContain(await caseOf(id));
    });
  });

  it('sweeps uploads no case claimed within a day, and keeps the rest', async () => {
    const me = await person('清理者');
    const [old, fresh, kept] = [await uploaded(me.headers), await uploaded(me.headers), await uploaded(me.headers)];
    const dayAgo = new Date(Date.now() - 25 * 3600_000).toISOString();
    await db.updateTable('attachments').set({ created_at: dayAgo }).where('id', 'in', [old, kept]).execute();
    await claimAttachments(db, { ids: [kept], uploaderId: me.id, caseId: await openCase(me.id) });
    const fileOf = async (id: string) => (await db.selectFrom('attachments').select('file_name').where('id', '=', id).executeTakeFirstOrThrow()).file_name;
    const oldFile = path.join(h.config.uploadDir, await fileOf(old));

    const service = createAttachmentService({ db, repo: createAttachmentRepository(db), uploadDir: h.config.uploadDir });
    expect(await service.sweepUnclaimed()).toBeGreaterThanOrEqual(1);
    expect(fs.existsSync(oldFile)).toBe(false);
    expect((await view(me.headers, old)).statusCode).toBe(404);
    expect((await view(me.headers, fresh)).statusCode).toBe(200);
    expect((await view(me.headers, kept)).statusCode).toBe(200);
  });
});
