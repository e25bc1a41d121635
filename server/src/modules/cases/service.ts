// The case (issue 4): a resident opens one for an errand-proxy (代办), online handling (网上办) or a
// visit (预约办); the village's cadres move it through the state machine of states.ts. Every
// change is one transaction: a conditional update of the case (zero rows: someone else moved it
// first), its timeline event, any slot booking and the notifications.
import type { Db } from '../../db/database';
import { newRowId } from '../../db/row-id';
import { readingAlong, writeTogether } from '../../db/write-together';
import { AppError } from '../../http/app-error';
import { runAnswerWithWrites, runIdempotent, type IdempotentRequest, type IdempotentResponse } from '../../http/idempotency';
import { claimAttachments } from '../attachments/claim';
import { cstDate, type Calendar } from '../calendar/calendar';
import { createCatalogueRepository } from '../catalogue/repository';
import { createCatalogueService, type CatalogueService } from '../catalogue/service';
import { bookSlot, checkSlot, releaseSlot, slotTaking, type SlotRef } from '../duty/slots';
import { openRectification } from '../rectifications/service';
import type { UserRow } from '../users/repository';
import { PRIVACY_VERSION } from '../users/service';
import { decodeCursor, pageOf } from './cursor';
import { cstShort, deskOf, slotText, tell, tellEach, tellWrites, villageDesk } from './notices';
import { canSeeCase, partiesOf } from './parties';
import { createCaseRepository, type CaseRepository, type CaseRow } from './repository';
import type { CaseDetail, CaseList, CreateCaseInput, MaterialInput, MessageInput, MineQuery, RatingInput, TransitionInput } from './schemas';
import { BAD_RATING_MAX, CLOSED_STATES, OPEN_STATES, RATING_LABELS, STATE_LABELS, TRANSITIONS, type CaseAction, type CaseState } from './states';
import { optionalText, requiredText } from './text-input';
import { caseDetail, CHANNEL_LABELS, loadCaseDetail, toSummary, type ViewContext } from './view';

// States in which the handling cadre takes in materials.
const RECEIVING: readonly CaseState[] = ['accepted', 'in_progress', 'awaiting_resident'];

const LIMITS = {
  description: { label: '办事说明', max: 500 },
  homeVisitReason: { label: '上门原因', max: 100 },
  note: { label: '说明', max: 500 },
  reason: { label: '不予受理的原因', max: 200 },
  referral: { label: '可以去办理的地方', max: 200 },
  resultNote: { label: '办理结果', max: 500 },
  comment: { label: '评价', max: 200 },
  message: { label: '留言', max: 500 },
  materialName: { label: '材料名称', max: 100 },
  materialNote: { label: '材料备注', max: 200 },
};

const notFound = () => new AppError(404, 'CASE_NOT_FOUND', '没有找到这个办件');
const stateChanged = () => new AppError(409, 'CASE_STATE_CHANGED', '该办件状态已变化，请刷新后再操作');
const forbidden = () => new AppError(403, 'CASE_ACTION_FORBIDDEN', '您不能对这个办件做这项操作');
const slotHeld = () => new AppError(409, 'SLOT_ALREADY_BOOKED', '您已经预约了这个时段，不用再约');

// A unique index that settles a race: the same resident in one slot twice, or two writers
// giving out the same timeline seq. PostgreSQL names the index; SQLite names its columns.
const RACES = [
  { pg: 'cases_one_booking_per_slot', sqlite: 'cases.resident_id, cases.village_code, cases.slot_date', error: slotHeld },
  { pg: 'case_events_seq', sqlite: 'case_events.case_id, case_events.seq', error: stateChanged },
];

function settleRace(err: unknown): never {
  const e = err as { code?: string; constraint?: string; message?: string };
  const race = RACES.find((r) => (e.code === '23505' && e.constraint === r.pg) || (e.code?.startsWith('SQLITE_CONSTRAINT') && e.message?.includes(r.sqlite)));
  throw race ? race.error() : err;
}

export interface CaseServiceDeps {
  db: Db;
  // Items as the catalogue keeps them per version (the app's own); one on `db` when not given.
  catalogue?: Pick<CatalogueService, 'getService' | 'calendar'>;
  // Tests pin the time to check due dates against weekends and holidays.
  clock?: () => Date;
}

export function createCaseService({ db, catalogue = createCatalogueService(createCatalogueRepository(db)), clock = () => new Date() }: CaseServiceDeps) {
  const context = async (user: UserRow): Promise<ViewContext> => ({ user, calendar: await catalogue.calendar(), now: clock() });

  // One write: in a plain transaction, or guarded by the client's Idempotency-Key when it sent one.
  const write = async <T>(work: (trx: Db) => Promise<IdempotentResponse<T>>, idempotency?: IdempotentRequest): Promise<IdempotentResponse<T>> => {
    try {
      return await (idempotency ? runIdempotent(db, idempotency, work) : db.transaction().execute(work));
    } catch (err) {
      return settleRace(err);
    }
  };
  const keyed = (user: UserRow, key: string | undefined, route: string, payload: unknown): IdempotentRequest | undefined =>
    key === undefined ? undefined : { userId: user.id, key, route, payload };

  const detail = async (trx: Db, id: string, ctx: ViewContext): Promise<CaseDetail> => (await loadCaseDetail(trx, id, ctx))!;

  // The case as this user may see it, or 404 whether it is missing or merely not theirs.
  const visible = async (repo: CaseRepository, user: UserRow, id: string): Promise<CaseRow> => {
    const c = await repo.findCase(id);
    if (!c || !canSeeCase(user, c)) throw notFound();
    return c;
  };

  const serviceName = async (repo: CaseRepository, code: string) => (await repo.findService(code))?.name ?? code;

  // 好差评: the resident, once, on a completed case; a bad one opens a rectification.
  const rate = async (user: UserRow, id: string, input: RatingInput): Promise<CaseDetail> => {
    const comment = optionalText(input.comment, LIMITS.comment);
    const ctx = await context(user);
    const at = ctx.now.toISOString();
    const { body } = await write(async (trx) => {
      const repo = createCaseRepository(trx);
      const c = await visible(repo, user, id);
      if (!partiesOf(user, c).includes('resident')) throw forbidden();
      if (!(await repo.updateIf(id, { status: 'completed' }, { updated_at: at }))) throw stateChanged();
      if (!(await repo.insertRating({ caseId: id, level: input.level, comment, at }))) {
        throw new AppError(409, 'ALREADY_RATED', '这个办件已经评价过了');
      }
      const label = RATING_LABELS[input.level];
      const seq = await repo.appendEvent({ caseId: id, action: 'rate', fromStatus: 'completed', toStatus: 'completed', actorId: user.id, actorRole: user.role, note: comment, data: { level: input.level, label }, at });
      const name = await serviceName(repo, c.service_code);
      if (c.assignee_id) {
        await tell(trx, [c.assignee_id], { caseId: id, eventKey: `case:${id}:event:${seq}`, kind: 'case_rated', title: '收到评价', body: `「${name}」（${c.number}）收到评价：${label}${comment ? `，${comment}` : ''}` });
      }
      if (input.level <= BAD_RATING_MAX) {
        await openRectification(trx, { caseId: id, caseNumber: c.number, serviceName: name, villageCode: c.village_code, level: input.level, comment, at, calendar: ctx.calendar });
      }
      return { statusCode: 200, body: await detail(trx, id, ctx) };
    });
    return body;
  };

  return {
    async create(user: UserRow, input: CreateCaseInput, key: string): Promise<IdempotentResponse<CaseDetail>> {
      if (user.privacy_version !== PRIVACY_VERSION) throw new AppError(403, 'PRIVACY_NOT_AGREED', '请先阅读并同意《隐私保护指引》');
      const villageCode = user.village_code;
      if (!villageCode || !user.name || !user.phone) {
        throw new AppError(409, 'PROFILE_INCOMPLETE', '请先在“我的”里填好姓名、手机号和所在村（社区）');
      }
      // Answers 404 SERVICE_NOT_FOUND for an unknown code. Asked together, the two share one
      // catalogue version read.
      const [service, ctx] = await Promise.all([catalogue.getService(input.serviceCode), context(user)]);
      if (!service.channels[input.channel]) throw new AppError(400, 'CHANNEL_NOT_OFFERED', `这个事项不能${CHANNEL_LABELS[input.channel]}，请选择其他办理方式`);

      const description = input.channel === 'online'
        ? requiredText(input.description, LIMITS.description, { code: 'DESCRIPTION_REQUIRED', message: '请说一说要办什么事、现在是什么情况' })
        : optionalText(input.description, LIMITS.description);
      let handover: CaseRow['handover'] = null;
      let homeVisitReason: string | null = null;
      if (input.channel === 'proxy') {
        if (!input.handover) throw new AppError(400, 'HANDOVER_REQUIRED', '请选择交材料的方式：约个时段到睦邻客厅，或请村干部上门');
        handover = input.handover;
        if (handover === 'home_visit') {
          homeVisitReason = requiredText(input.homeVisitReason, LIMITS.homeVisitReason, { code: 'HOME_VISIT_REASON_REQUIRED', message: '请说明需要上门的原因，比如年纪大、行动不便' });
        }
      }
      const needsSlot = input.channel === 'appointment' || handover === 'slot';
      if (needsSlot && !input.slot) throw new AppError(400, 'SLOT_REQUIRED', '请选择一个时段');
      const slot: SlotRef | null = needsSlot && input.slot ? { villageCode, date: input.slot.date, half: input.slot.half } : null;

      // Names no longer on the checklist (it changed since the page loaded) are dropped, not refused.
      const checklist = service.materials;
      const have = checklist.filter((m) => input.materialsHave.includes(m.name)).map((m) => m.name);

      const at = ctx.now.toISOString();
      const day = cstDate(ctx.now).replace(/-/g, '');
      // The day's case number is taken in the round trip that reads the slot's facts (or the desk
      // that hears of the new case), before the create's own writes. Like a sequence's it stays
      // taken (a failed create leaves a gap) and waits for no disk flush of its own (the create's
      // commit, after it, flushes it too): on PostgreSQL a statement that commits on its own, so
      // concurrent creates do not queue on the counter's row; on SQLite it does not wait for the
      // writer's turn, and the create's writes are one trip to it.
      const prepare = async () => {
        const numbering = readingAlong(db, createCaseRepository(db).numberTaking(day), { unflushed: true });
        // A refusal here (the slot has passed, is full, or this resident holds it already: the
        // unique index at the insert) still gets a resend its first answer: the key is looked up.
        const { capacity, desk } = slot
          ? await checkSlot(db, slot, ctx.calendar, ctx.now, numbering.read).then((c) => ({ capacity: c.capacity, desk: deskOf(c.desk) }))
          : { capacity: 0, desk: await villageDesk(db, villageCode, ctx.now, numbering.read) };
        return { number: `YC-${day}-${String(numbering.written()[0].last).padStart(4, '0')}`, capacity, desk };
      };
      return runAnswerWithWrites<CaseDetail, Awaited<ReturnType<typeof prepare>>>(db, { userId: user.id, key, route: 'POST /cases', payload: input }, prepare, async (trx, keep, { number, capacity, desk }) => {
        const repo = createCaseRepository(trx);
        const id = newRowId();
        const row: CaseRow = {
          id,
          number,
          service_code: service.code,
          channel: input.channel,
          resident_id: user.id,
          village_code: villageCode,
          status: 'submitted',
          handover,
          home_visit_reason: homeVisitReason,
          slot_date: slot?.date ?? null,
          slot_half: slot?.half ?? null,
          description,
          materials_checked: JSON.stringify(have),
          assignee_id: null,
          accepted_at: null,
          due_at: null,
          closed_at: null,
          result_note: null,
          reject_reason: null,
          reject_referral: null,
          created_at: at,
          updated_at: at,
        };
        const submitted = { seq: 1, action: 'submit', from_status: null, to_status: 'submitted', actor_id: user.id, actor_role: user.role, note: null, data: null, created_at: at };
        const when = slot ? slotText(slot) : null;
        const eventKey = `case:${id}:event:${submitted.seq}`;
        const notices = tellWrites(trx, [
          {
            to: [user.id],
            notice: {
              caseId: id,
              eventKey,
              kind: 'case_submitted',
              title: '办件已提交',
              body: `您的「${service.name}」已提交，办件编号 ${number}。${when ? `请在${when}带上材料到睦邻客厅。` : ''}村干部会尽快受理。`,
              wechat: { template: 'case_status', data: { number, service: service.name, status: STATE_LABELS.submitted, time: at, note: when ? `${when}到睦邻客厅` : '村干部会尽快受理' } },
            },
          },
          {
            to: desk,
            notice: {
              caseId: id,
              eventKey,
              kind: 'case_new',
              title: '新办件待受理',
              body: `${user.name}提交了「${service.name}」（${CHANNEL_LABELS[input.channel]}${when ? `，${when}` : ''}），请在${cstShort(ctx.calendar.acceptBy(at))}前受理。`,
              wechat: { template: 'case_status', data: { number, service: service.name, status: STATE_LABELS.submitted, time: at, note: `${CHANNEL_LABELS[input.channel]}，请及时受理` } },
            },
          },
        ]);
        // Everything on the page of a new case is known here: the same answer as a GET, without
        // reading it back. Spreads go last, as in caseDetail.
        const listRow = { service_name: service.name, resident_name: user.name, resident_phone: user.phone, rating_level: null, ...row };
        const parts = { checklist, assignee: undefined, events: [{ actor_name: user.name, ...submitted }], messages: [], materials: [], rating: undefined, rectification: undefined };
        const answer = { statusCode: 201, body: caseDetail(listRow, parts, ctx) };
        // One statement for every write of a new case and its key (PostgreSQL): undone whole when the slot is full.
        await writeTogether(trx, [...repo.newCaseWrites(row, { id: newRowId(), case_id: id, ...submitted }), ...notices, ...(slot ? [slotTaking(trx, slot, capacity)] : []), keep(answer)]);
        return answer;
      }).catch(settleRace);
    },

    async get(user: UserRow, id: string): Promise<CaseDetail> {
      const found = await loadCaseDetail(db, id, await context(user));
      if (!found) throw notFound();
      return found;
    },

    async listMine(user: UserRow, query: MineQuery): Promise<CaseList> {
      const ctx = await context(user);
      const limit = query.limit ?? 20;
      const states = query.status === 'open' ? OPEN_STATES : query.status === 'closed' ? CLOSED_STATES : undefined;
      const rows = await createCaseRepository(db).listMine(user.id, states, { limit, after: decodeCursor(query.cursor) });
      const page = pageOf(rows, limit, (r) => r.created_at);
      return { items: page.rows.map((r) => toSummary(r, ctx)), nextCursor: page.nextCursor };
    },

    // One endpoint for every action of the state machine. Who may act is checked before the
    // state, so a party the action is never for gets 403 whatever the state.
    async transition(user: UserRow, id: string, input: TransitionInput): Promise<CaseDetail> {
      if (input.action === 'rate') {
        if (input.level === undefined) throw new AppError(400, 'LEVEL_REQUIRED', '请选一个满意程度');
        return rate(user, id, { level: input.level, comment: input.comment });
      }
      const ctx = await context(user);
      const at = ctx.now.toISOString();
      const { body } = await write(async (trx) => {
        const repo = createCaseRepository(trx);
        const c = await visible(repo, user, id);
        const from = c.status as CaseState;
        const parties = partiesOf(user, c);
        const rule = TRANSITIONS[input.action];
        if (!rule.by.some((p) => parties.includes(p))) throw forbidden();
        if (!rule.from.includes(from)) throw stateChanged();
        const byAssignee = !rule.by.includes('resident') && !rule.by.includes('village_cadre') ? user.id : undefined;
        const svc = await repo.findService(c.service_code);
        const name = svc?.name ?? c.service_code;
        const plan = await planTransition({ trx, repo, user, c, input, ctx, at, promisedDays: svc?.promised_days ?? 0 });
        const to = rule.to ?? from;
        const moved = await repo.updateIf(id, { status: from, assigneeId: byAssignee, slot: plan.expectSlot }, { status: to, updated_at: at, ...plan.patch });
        if (!moved) throw stateChanged();
        await plan.after?.();
        const seq = await repo.appendEvent({ caseId: id, action: input.action, fromStatus: from, toStatus: to, actorId: user.id, actorRole: user.role, note: plan.note, data: plan.data, at });
        await tellEach(
          trx,
          plan.notices.map((notice) => ({
            to: notice.to,
            notice: {
              caseId: id,
              eventKey: `case:${id}:event:${seq}`,
              kind: `case_${input.action}`,
              title: notice.title,
              body: notice.body.replace('{service}', `「${name}」`),
              wechat: { template: 'case_status', data: { number: c.number, service: name, status: notice.status ?? STATE_LABELS[to], time: at, note: notice.wechatNote } },
            },
          })),
        );
        return { statusCode: 200, body: await detail(trx, id, ctx) };
      });
      return body;
    },

    rate,

    async addMessage(user: UserRow, id: string, input: MessageInput, key: string | undefined): Promise<IdempotentResponse<CaseDetail>> {
      const text = requiredText(input.body, LIMITS.message, { code: 'MESSAGE_EMPTY', message: '留言不能为空' });
      const attachmentIds = [...new Set(input.attachmentIds ?? [])];
      const ctx = await context(user);
      const at = ctx.now.toISOString();
      return write(async (trx) => {
        const repo = createCaseRepository(trx);
        const c = await visible(repo, user, id);
        const parties = partiesOf(user, c);
        if (!parties.length) throw new AppError(403, 'CASE_ACTION_FORBIDDEN', '只有办件的群众和本村干部可以留言');
        if (!OPEN_STATES.includes(c.status as CaseState)) throw new AppError(409, 'CASE_CLOSED', '这个办件已经结束，不能再留言了');
        await repo.touch(id, at);
        const messageId = newRowId();
        await repo.insertMessage({ id: messageId, caseId: id, authorId: user.id, body: text, attachmentIds, at });
        if (attachmentIds.length) await claimAttachments(trx, { ids: attachmentIds, uploaderId: user.id, caseId: id });
        const fromResident = parties.includes('resident');
        const to = fromResident ? (c.assignee_id ? [c.assignee_id] : await villageDesk(trx, c.village_code, ctx.now)) : [c.resident_id];
        const name = await serviceName(repo, c.service_code);
        const photos = attachmentIds.length ? `（附${attachmentIds.length}张照片）` : '';
        await tell(trx, to, {
          caseId: id,
          eventKey: `case:${id}:message:${messageId}`,
          kind: 'case_message',
          title: fromResident ? '群众留言' : '村干部回复',
          body: `「${name}」${user.name ?? ''}：${text}${photos}`,
          wechat: { template: 'case_message', data: { number: c.number, service: name, sender: user.name ?? '', content: `${text}${photos}`, time: at } },
        });
        return { statusCode: 201, body: await detail(trx, id, ctx) };
      }, keyed(user, key, `POST /cases/${id}/messages`, input));
    },

    async addMaterial(user: UserRow, id: string, input: MaterialInput, key: string | undefined): Promise<IdempotentResponse<CaseDetail>> {
      const name = requiredText(input.name, LIMITS.materialName, { code: 'MATERIAL_NAME_REQUIRED', message: '请写上收到的是什么材料' });
      const note = optionalText(input.note, LIMITS.materialNote);
      const ctx = await context(user);
      const at = ctx.now.toISOString();
      return write(async (trx) => {
        const repo = createCaseRepository(trx);
        const c = await visible(repo, user, id);
        if (!partiesOf(user, c).includes('assignee')) throw new AppError(403, 'CASE_ACTION_FORBIDDEN', '只有办理这个办件的村干部可以登记材料');
        const status = c.status as CaseState;
        if (!RECEIVING.includes(status)) throw stateChanged();
        if (!(await repo.updateIf(id, { status, assigneeId: user.id }, { updated_at: at }))) throw stateChanged();
        const materialId = newRowId();
        await repo.insertMaterial({ id: materialId, caseId: id, name, form: input.form, copies: input.copies, note, by: user.id, at });
        const seq = await repo.appendEvent({
          caseId: id,
          action: 'material_received',
          fromStatus: status,
          toStatus: status,
          actorId: user.id,
          actorRole: user.role,
          note,
          data: { materialId, name, form: input.form, copies: input.copies },
          at,
        });
        const svc = await serviceName(repo, c.service_code);
        await tell(trx, [c.resident_id], {
          caseId: id,
          eventKey: `case:${id}:event:${seq}`,
          kind: 'material_received',
          title: '材料已收到',
          body: `${user.name ?? '村干部'}收到您的${name}（${input.form}${input.copies}份），办件「${svc}」的回执里可以查看。`,
          wechat: { template: 'case_status', data: { number: c.number, service: svc, status: '已收材料', time: at, note: `${name}${input.copies}份` } },
        });
        return { statusCode: 201, body: await detail(trx, id, ctx) };
      }, keyed(user, key, `POST /cases/${id}/materials`, input));
    },

    // Handing an original back is allowed in any state: it often happens after completion.
    async returnMaterial(user: UserRow, id: string, materialId: string): Promise<CaseDetail> {
      const ctx = await context(user);
      const at = ctx.now.toISOString();
      const { body } = await write(async (trx) => {
        const repo = createCaseRepository(trx);
        const c = await visible(repo, user, id);
        if (!partiesOf(user, c).includes('assignee')) throw new AppError(403, 'CASE_ACTION_FORBIDDEN', '只有办理这个办件的村干部可以登记退还');
        const material = await repo.findMaterial(id, materialId);
        if (!material) throw new AppError(404, 'MATERIAL_NOT_FOUND', '没有找到这份材料');
        await repo.touch(id, at);
        if (!(await repo.markReturned(materialId, user.id, at))) throw new AppError(409, 'MATERIAL_ALREADY_RETURNED', '这份材料已经退还了');
        const seq = await repo.appendEvent({
          caseId: id,
          action: 'material_returned',
          fromStatus: c.status,
          toStatus: c.status,
          actorId: user.id,
          actorRole: user.role,
          data: { materialId, name: material.name },
          at,
        });
        const svc = await serviceName(repo, c.service_code);
        await tell(trx, [c.resident_id], {
          caseId: id,
          eventKey: `case:${id}:event:${seq}`,
          kind: 'material_returned',
          title: '材料已退还',
          body: `您的${material.name}已由${user.name ?? '村干部'}退还，请核对。`,
          wechat: { template: 'case_status', data: { number: c.number, service: svc, status: '已退材料', time: at, note: material.name } },
        });
        return { statusCode: 200, body: await detail(trx, id, ctx) };
      });
      return body;
    },
  };
}

export type CaseService = ReturnType<typeof createCaseService>;

interface Plan {
  patch: Partial<Omit<CaseRow, 'status' | 'updated_at'>>;
  note?: string | null;
  data?: Record<string, unknown>;
  // The slot the case must still hold for the conditional update to apply.
  expectSlot?: { date: string; half: 'am' | 'pm' };
  // Runs after the case row is updated (and so locked): slot bookings.
  after?: () => Promise<void>;
  notices: { to: string[]; title: string; body: string; status?: string; wechatNote?: string }[];
}

interface PlanInput {
  trx: Db;
  repo: CaseRepository;
  user: UserRow;
  c: CaseRow;
  input: TransitionInput;
  ctx: { calendar: Calendar; now: Date };
  at: string;
  promisedDays: number;
}

// What each action needs, changes and tells. `{service}` in a body becomes the item's name.
async function planTransition({ trx, repo, user, c, input, ctx, at, promisedDays }: PlanInput): Promise<Plan> {
  const me = user.name ?? '村干部';
  const bookedSlot: SlotRef | null = c.slot_date && c.slot_half ? { villageCode: c.village_code, date: c.slot_date, half: c.slot_half } : null;
  const cadreSide = async () => (c.assignee_id ? [c.assignee_id] : villageDesk(trx, c.village_code, ctx.now));
  const note = optionalText(input.note, LIMITS.note);
  const action: Exclude<CaseAction, 'rate'> = input.action as Exclude<CaseAction, 'rate'>;
  switch (action) {
    case 'accept': {
      const dueAt = ctx.calendar.dueAt(at, promisedDays);
      return {
        patch: { assignee_id: user.id, accepted_at: at, due_at: dueAt },
        note,
        data: { dueAt },
        notices: [{ to: [c.resident_id], title: '办件已受理', body: `{service}已由${me}受理，预计${cstShort(dueAt)}前办结。`, wechatNote: `${me}受理，${cstShort(dueAt)}前办结` }],
      };
    }
    case 'start':
      return { patch: {}, note, notices: [{ to: [c.resident_id], title: '开始办理', body: `${me}已开始办理{service}。` }] };
    case 'ask_resident': {
      const needed = requiredText(input.note, LIMITS.note, { code: 'NOTE_REQUIRED', message: '请写明需要群众补充什么' });
      return { patch: {}, note: needed, notices: [{ to: [c.resident_id], title: '请补充材料', body: `{service}需要您补充：${needed}`, wechatNote: needed }] };
    }
    case 'resume': {
      const fromResident = c.resident_id === user.id;
      const notices = fromResident
        ? [{ to: await cadreSide(), title: '群众已补充', body: `${me}已补充材料，{service}可以继续办理了。${note ? `留言：${note}` : ''}` }]
        : [{ to: [c.resident_id], title: '继续办理', body: `{service}继续办理中。${note ?? ''}` }];
      return { patch: {}, note, notices };
    }
    case 'complete': {
      const result = requiredText(input.resultNote, LIMITS.resultNote, { code: 'RESULT_NOTE_REQUIRED', message: '请写下办理结果' });
      return {
        patch: { result_note: result, closed_at: at },
        note: result,
        notices: [{ to: [c.resident_id], title: '办件已办结', body: `{service}已办结：${result}。请给这次服务评个价。`, wechatNote: result }],
      };
    }
    case 'reject': {
      const reason = requiredText(input.reason, LIMITS.reason, { code: 'REJECT_REASON_REQUIRED', message: '请写明不予受理的原因' });
      const referral = requiredText(input.referral, LIMITS.referral, { code: 'REFERRAL_REQUIRED', message: '请告诉群众可以去哪里办理' });
      return {
        patch: { reject_reason: reason, reject_referral: referral, closed_at: at },
        note: reason,
        data: { referral },
        after: async () => {
          if (bookedSlot) await releaseSlot(trx, bookedSlot);
        },
        notices: [{ to: [c.resident_id], title: '办件不予受理', body: `{service}不予受理：${reason}。您可以去：${referral}。`, wechatNote: `可去${referral}` }],
      };
    }
    case 'cancel':
      return {
        patch: { closed_at: at },
        note,
        after: async () => {
          if (bookedSlot) await releaseSlot(trx, bookedSlot);
        },
        notices: [{ to: await cadreSide(), title: '办件已取消', body: `${me}取消了{service}（${c.number}）。${note ?? ''}` }],
      };
    case 'transfer': {
      if (!input.toCadreId) throw new AppError(400, 'TRANSFER_TARGET_REQUIRED', '请选择转给哪位村干部');
      const target = await repo.findUser(input.toCadreId);
      if (!target || target.deleted_at || target.role !== 'cadre' || target.scope_code !== c.village_code || target.id === user.id || target.id === c.resident_id) {
        throw new AppError(400, 'TRANSFER_TARGET_INVALID', '只能转给本村（社区）的另一位村干部');
      }
      const targetName = target.name ?? '村干部';
      return {
        patch: { assignee_id: target.id },
        note,
        data: { fromCadreId: user.id, toCadreId: target.id, toCadreName: target.name },
        notices: [
          { to: [target.id], title: '转来的办件', body: `${me}把{service}（${c.number}）转给了您。${note ?? ''}`, status: '转交', wechatNote: `${me}转给您办理` },
          { to: [c.resident_id], title: '办件换人办理', body: `{service}改由${targetName}办理。`, status: '换人办理', wechatNote: `改由${targetName}办理` },
        ],
      };
    }
    case 'reschedule': {
      if (!bookedSlot) throw new AppError(409, 'CASE_HAS_NO_SLOT', '这个办件没有预约时段，不用改约');
      if (!input.slot) throw new AppError(400, 'SLOT_REQUIRED', '请选择一个时段');
      const next: SlotRef = { villageCode: c.village_code, date: input.slot.date, half: input.slot.half };
      if (next.date === bookedSlot.date && next.half === bookedSlot.half) throw new AppError(400, 'SLOT_UNCHANGED', '这就是您原来约的时段，请选一个新的');
      if (await repo.holdsSlot(user.id, next, c.id)) throw slotHeld();
      const when = slotText(next);
      return {
        patch: { slot_date: next.date, slot_half: next.half },
        note,
        expectSlot: { date: bookedSlot.date, half: bookedSlot.half },
        data: { from: { date: bookedSlot.date, half: bookedSlot.half }, to: { date: next.date, half: next.half } },
        after: async () => {
          await releaseSlot(trx, bookedSlot);
          await bookSlot(trx, next, ctx.calendar, ctx.now);
        },
        notices: [{ to: await cadreSide(), title: '群众改约时间', body: `${me}把{service}（${c.number}）改约到${when}。`, status: '已改约', wechatNote: `改到${when}` }],
      };
    }
  }
}
