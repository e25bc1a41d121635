// A village's worth of real records made through the API (a finished case with its timeline,
// messages, a photo and a rating; an open case; a group with an activity; a talk), and a reading
// of them back through the API, to compare a database before and after backup or migration.
import type { Harness } from '../support/app-harness';
import { CaseFixtures, DIBAO, HOME } from './cases-fixtures';
import { createGroup, idOf, inHours, post } from './groups-fixtures';

export const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64, 7)]);
const RESIDENT = { name: '运维测试村民', villageCode: HOME };
const CADRE = { name: '运维测试村干部', role: 'cadre' as const, villageCode: HOME };

export interface Village {
  caseIds: string[];
  photoId: string;
  groupId: string;
  activityId: string;
  talkId: string;
}

function ok<T>(res: { statusCode: number; body: string; json(): unknown }, status = 200): T {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json() as T;
}

export async function upload(h: Harness, headers: Record<string, string>): Promise<string> {
  const boundary = 'mulin-ops-boundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="hukou.png"\r\nContent-Type: image/png\r\n\r\n`),
    PNG,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await h.call({ method: 'POST', url: '/api/v1/attachments', payload, headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` } });
  return ok<{ id: string }>(res, 201).id;
}

export async function fillVillage(h: Harness): Promise<Village> {
  const f = new CaseFixtures(h);
  try {
    const resident = await f.resident(RESIDENT.name, RESIDENT.villageCode);
    const cadre = await h.as(CADRE);
    const done = await f.created(resident, { serviceCode: DIBAO, channel: 'online', description: '家里老人住院，想申请低保', materialsHave: [] });
    await f.acted(cadre, done.id, { action: 'accept' });
    await f.acted(cadre, done.id, { action: 'ask_resident', note: '请补充户口本首页照片' });
    const photoId = await upload(h, resident);
    ok(await h.call({ method: 'POST', url: `/api/v1/cases/${done.id}/messages`, payload: { body: '照片发您了', attachmentIds: [photoId] }, headers: resident }), 201);
    await f.acted(resident, done.id, { action: 'resume', note: '已补充' });
    ok(await h.call({ method: 'POST', url: `/api/v1/cases/${done.id}/messages`, payload: { body: '收到，马上报乡镇' }, headers: cadre }), 201);
    await f.acted(cadre, done.id, { action: 'complete', resultNote: '已报乡镇审批' });
    ok(await h.call({ method: 'POST', url: `/api/v1/cases/${done.id}/rating`, payload: { level: 5, comment: '办得快' }, headers: resident }));
    const open = await f.created(resident, { serviceCode: DIBAO, channel: 'online', description: '再问一下医保', materialsHave: [] });

    const leaderId = await idOf(h, resident);
    const group = ok<{ id: string }>(await createGroup(h, cadre, { name: '运维象棋队', scopeCode: HOME, leaderId }), 201);
    const activity = ok<{ id: string }>(
      await post(h, `/api/v1/groups/${group.id}/activities`, resident, { title: '象棋比赛', startsAt: inHours(30), endsAt: inHours(32), place: '微家活动室', capacity: 8, openToAll: true }),
      201,
    );
    const talk = ok<{ id: string }>(
      await h.call({
        method: 'POST',
        url: '/api/v1/talks',
        payload: { kind: 'secretary_talk', topic: '今年的医保怎么交', startsAt: inHours(72), place: '睦邻客厅活动室', capacity: 30, villageCode: HOME },
        headers: { ...cadre, 'idempotency-key': f.key() },
      }),
      201,
    );
    return { caseIds: [done.id, open.id], photoId, groupId: group.id, activityId: activity.id, talkId: talk.id };
  } finally {
    await f.close();
  }
}

// What the villager and the cadre see of those records, minus what depends on the clock.
export async function readVillage(h: Harness, v: Village) {
  const resident = await h.as(RESIDENT);
  const cadre = await h.as(CADRE);
  const get = async (url: string, headers: Record<string, string> = resident) => ok<Record<string, unknown>>(await h.call({ method: 'GET', url, headers }));
  const cases = [];
  for (const id of v.caseIds) {
    const c = await get(`/api/v1/cases/${id}`, cadre);
    cases.push({
      number: c.number,
      status: c.status,
      timeline: (c.timeline as { action: string; seq: number }[]).map((e) => `${e.seq}:${e.action}`),
      messages: (c.messages as { body: string; attachmentIds: string[] }[]).map((m) => [m.body, m.attachmentIds]),
      rating: c.rating,
    });
  }
  const photo = await h.call({ method: 'GET', url: `/api/v1/attachments/${v.photoId}`, headers: resident });
  const group = await get(`/api/v1/groups/${v.groupId}`);
  const activities = ((await get(`/api/v1/activities?villageCode=${HOME}`)).items as { id: string; title: string }[]).filter((a) => a.id === v.activityId);
  const talk = await get(`/api/v1/talks/${v.talkId}`);
  return {
    cases,
    photo: { status: photo.statusCode, bytes: photo.rawPayload.equals(PNG) },
    group: { name: group.name, memberCount: group.memberCount },
    activities: activities.map((a) => a.title),
    talk: { topic: talk.topic, place: talk.place },
  };
}
