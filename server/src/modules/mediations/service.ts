// 和事佬 mediation (issue 5 item 5): a resident asks the village's mediators for help in confidence.
// Only the resident, the village's cadres and its 和事佬 leaders and deputies ever see a request;
// to anyone else it does not exist (404). Changes are conditional updates on the status, so two
// mediators taking one request, or an outcome racing a withdrawal, settle in the database.
import type { Db } from '../../db/database';
import { newRowId } from '../../db/row-id';
import type { MediationTable } from '../../db/schema';
import { AppError } from '../../http/app-error';
import { runIdempotent, type IdempotentResponse } from '../../http/idempotency';
import { optionalText, requiredText } from '../cases/text-input';
import { notify } from '../notifications/notify';
import type { UserRow } from '../users/repository';
import { PRIVACY_VERSION } from '../users/service';
import { mediatorsOf, mediatorVillages } from './mediators';
import type { CreateMediationInput, MediationDetail, MediationList, MediationListQuery, MediationMessageInput, MediationSummary, OutcomeInput } from './schemas';
import { allowedActions, KIND_LABELS, OPEN_STATES, RULES, STATE_LABELS, type MediationAction, type MediationParty, type MediationState } from './states';

type MediationRow = MediationTable;

const LIMITS = {
  otherParty: { label: '对方姓名', max: 50 },
  description: { label: '情况说明', max: 1000 },
  message: { label: '留言', max: 500 },
  agreement: { label: '调解协议', max: 2000 },
  referral: { label: '建议转办的地方', max: 200 },
};

const notFound = () => new AppError(404, 'MEDIATION_NOT_FOUND', '没有找到这条调解请求');
const stateChanged = () => new AppError(409, 'MEDIATION_STATE_CHANGED', '这条调解请求的状态已经变了，请刷新后再看');
const forbidden = () => new AppError(403, 'MEDIATION_ACTION_FORBIDDEN', '您不能对这条调解请求做这项操作');

export function createMediationService({ db }: { db: Db }) {
  const partiesOf = async (trx: Db, user: UserRow, m: MediationRow): Promise<MediationParty[]> => {
    if (m.resident_id === user.id) return ['resident'];
    if (!(await mediatorVillages(trx, user)).includes(m.village_code)) return [];
    const cadre = user.role === 'cadre' && user.scope_code === m.village_code;
    return m.mediator_id === user.id || cadre ? ['mediator', 'handler'] : ['mediator'];
  };

  // The request and this user's parties to it, or 404 whether it is missing or merely not theirs.
  const visible = async (trx: Db, user: UserRow, id: string) => {
    const m = await trx.selectFrom('mediations').selectAll().where('id', '=', id).executeTakeFirst();
    if (!m) throw notFound();
    const parties = await partiesOf(trx, user, m);
    if (!parties.length) throw notFound();
    return { m, parties };
  };

  const names = async (trx: Db, ids: (string | null)[]): Promise<Map<string, string | null>> => {
    const wanted = [...new Set(ids.filter((i): i is string => i !== null))];
    if (!wanted.length) return new Map();
    const rows = await trx.selectFrom('users').select(['id', 'name']).where('id', 'in', wanted).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  };
  const actor = (who: Map<string, string | null>, id: string | null) => (id === null ? null : { id, name: who.get(id) ?? null });

  const summary = (m: MediationRow, parties: MediationParty[], who: Map<string, string | null>): MediationSummary => ({
    id: m.id,
    villageCode: m.village_code,
    kind: m.kind,
    kindLabel: KIND_LABELS[m.kind],
    status: m.status,
    statusLabel: STATE_LABELS[m.status],
    resident: actor(who, m.resident_id),
    mediator: actor(who, m.mediator_id),
    createdAt: m.created_at,
    updatedAt: m.updated_at,
    actions: allowedActions(m.status, parties),
  });

  const detail = async (trx: Db, user: UserRow, id: string): Promise<MediationDetail> => {
    const { m, parties } = await visible(trx, user, id);
    const messages = await trx.selectFrom('mediation_messages').selectAll().where('mediation_id', '=', id).orderBy('created_at').orderBy('id').execute();
    const who = await names(trx, [m.resident_id, m.mediator_id, ...messages.map((x) => x.author_id)]);
    return {
      ...summary(m, parties, who),
      otherParty: m.other_party,
      description: m.description,
      agreement: m.agreement,
      referral: m.referral,
      takenAt: m.taken_at,
      closedAt: m.closed_at,
      messages: messages.map((x) => ({ id: x.id, author: actor(who, x.author_id), mine: x.author_id === user.id, body: x.body, createdAt: x.created_at })),
    };
  };

  // One action of the state machine: the party and state checked, then a conditional update.
  const act = async (
    user: UserRow,
    id: string,
    action: MediationAction,
    patch: (m: MediationRow, at: string) => { set: Partial<MediationRow>; tell: { to: string[]; title: string; body: string } },
  ): Promise<MediationDetail> =>
    db.transaction().execute(async (trx) => {
      const { m, parties } = await visible(trx, user, id);
      const rule = RULES[action];
      if (!rule.by.some((p) => parties.includes(p))) throw forbidden();
      if (!rule.from.includes(m.status)) throw stateChanged();
      const at = new Date().toISOString();
      const { set, tell } = patch(m, at);
      const moved = await trx
        .updateTable('mediations')
        .set({ ...set, updated_at: at })
        .where('id', '=', id)
        .where('status', '=', m.status)
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) throw stateChanged();
      await tellAll(trx, tell.to.filter((u) => u !== user.id), { key: `mediation:${id}:${action}:${at}`, title: tell.title, body: tell.body });
      return detail(trx, user, id);
    });

  return {
    async create(user: UserRow, input: CreateMediationInput, key: string): Promise<IdempotentResponse<MediationDetail>> {
      if (user.privacy_version !== PRIVACY_VERSION) throw new AppError(403, 'PRIVACY_NOT_AGREED', '请先阅读并同意《隐私保护指引》');
      if (!user.village_code || !user.name) throw new AppError(409, 'PROFILE_INCOMPLETE', '请先在“我的”里填好姓名和所在村（社区）');
      const villageCode = user.village_code;
      const description = requiredText(input.description, LIMITS.description, { code: 'DESCRIPTION_REQUIRED', message: '请说一说是什么事、想请和事佬帮什么忙' });
      const otherParty = optionalText(input.otherParty, LIMITS.otherParty);
      return runIdempotent(db, { userId: user.id, key, route: 'POST /mediations', payload: input }, async (trx) => {
        const id = newRowId();
        const at = new Date().toISOString();
        await trx
          .insertInto('mediations')
          .values({ id, village_code: villageCode, resident_id: user.id, kind: input.kind, other_party: otherParty, description, status: 'open', mediator_id: null, agreement: null, referral: null, taken_at: null, closed_at: null, created_at: at, updated_at: at })
          .execute();
        // Mediators are told the kind only: the details are read in the request itself.
        await tellAll(trx, (await mediatorsOf(trx, villageCode)).filter((u) => u !== user.id), {
          key: `mediation:${id}:new`,
          title: '新的调解请求',
          body: `村里有一件${KIND_LABELS[input.kind]}请和事佬帮忙，请尽快接手。`,
        });
        await tellAll(trx, [user.id], { key: `mediation:${id}:submitted`, title: '调解请求已提交', body: '和事佬会尽快和您联系，您说的情况只有本村和事佬和村干部能看到。' });
        return { statusCode: 201, body: await detail(trx, user, id) };
      });
    },

    async get(user: UserRow, id: string): Promise<MediationDetail> {
      return detail(db, user, id);
    },

    async listMine(user: UserRow): Promise<MediationList> {
      const rows = await db.selectFrom('mediations').selectAll().where('resident_id', '=', user.id).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(100).execute();
      const who = await names(db, rows.flatMap((m) => [m.resident_id, m.mediator_id]));
      return { items: rows.map((m) => summary(m, ['resident'], who)) };
    },

    // The requests of the villages this user mediates in; a resident's own requests are in /mine.
    async listForMediator(user: UserRow, query: MediationListQuery): Promise<MediationList> {
      const villages = await mediatorVillages(db, user);
      if (!villages.length) throw new AppError(403, 'NOT_A_MEDIATOR', '只有本村的和事佬和村干部能看调解请求');
      const states: readonly MediationState[] | undefined = query.status === 'open' ? OPEN_STATES : query.status === 'closed' ? ['resolved', 'referred', 'withdrawn'] : undefined;
      let q = db.selectFrom('mediations').selectAll().where('village_code', 'in', villages).where('resident_id', '!=', user.id);
      if (states) q = q.where('status', 'in', [...states]);
      const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit ?? 20).execute();
      const who = await names(db, rows.flatMap((m) => [m.resident_id, m.mediator_id]));
      const out: MediationSummary[] = [];
      for (const m of rows) out.push(summary(m, await partiesOf(db, user, m), who));
      return { items: out };
    },

    take(user: UserRow, id: string) {
      return act(user, id, 'take', (m, at) => ({
        set: { status: 'in_progress', mediator_id: user.id, taken_at: at },
        tell: { to: [m.resident_id], title: '和事佬已接手', body: `${user.name ?? '和事佬'}接手了您的${KIND_LABELS[m.kind]}调解请求，会尽快和您联系。` },
      }));
    },

    withdraw(user: UserRow, id: string) {
      return act(user, id, 'withdraw', (m, at) => ({
        set: { status: 'withdrawn', closed_at: at },
        tell: { to: m.mediator_id ? [m.mediator_id] : [], title: '调解请求已撤回', body: `一件${KIND_LABELS[m.kind]}调解请求已被撤回。` },
      }));
    },

    recordOutcome(user: UserRow, id: string, input: OutcomeInput) {
      const success = input.result === 'success';
      const agreement = success ? requiredText(input.agreement, LIMITS.agreement, { code: 'AGREEMENT_REQUIRED', message: '请写上双方达成的调解协议' }) : null;
      const referral = success ? null : requiredText(input.referral, LIMITS.referral, { code: 'REFERRAL_REQUIRED', message: '请写上建议去哪里继续调解，比如乡镇人民调解委员会' });
      return act(user, id, 'record_outcome', (m, at) => ({
        set: { status: success ? 'resolved' : 'referred', agreement, referral, closed_at: at },
        tell: {
          to: [m.resident_id],
          title: success ? '调解成功' : '调解未成功',
          body: success ? `您的${KIND_LABELS[m.kind]}已调解成功，协议内容可以在调解详情里查看。` : `您的${KIND_LABELS[m.kind]}这次没有调解成功，建议您到${referral}继续调解。`,
        },
      }));
    },

    async addMessage(user: UserRow, id: string, input: MediationMessageInput): Promise<MediationDetail> {
      const body = requiredText(input.body, LIMITS.message, { code: 'MESSAGE_EMPTY', message: '留言不能为空' });
      return db.transaction().execute(async (trx) => {
        const { m, parties } = await visible(trx, user, id);
        if (!RULES.message.by.some((p) => parties.includes(p))) throw forbidden();
        if (!RULES.message.from.includes(m.status)) throw new AppError(409, 'MEDIATION_CLOSED', '这条调解请求已经结束，不能再留言了');
        const at = new Date().toISOString();
        const messageId = newRowId();
        await trx.insertInto('mediation_messages').values({ id: messageId, mediation_id: id, author_id: user.id, body, created_at: at }).execute();
        await trx.updateTable('mediations').set({ updated_at: at }).where('id', '=', id).execute();
        const fromResident = parties.includes('resident');
        const to = fromResident ? (m.mediator_id ? [m.mediator_id] : await mediatorsOf(trx, m.village_code)) : [m.resident_id];
        await tellAll(trx, to.filter((u) => u !== user.id), {
          key: `mediation:${id}:message:${messageId}`,
          title: fromResident ? '调解请求有新留言' : '和事佬回复了您',
          body: fromResident ? `一件${KIND_LABELS[m.kind]}调解请求有新留言。` : `${user.name ?? '和事佬'}：${body}`,
        });
        return detail(trx, user, id);
      });
    },
  };
}

export type MediationService = ReturnType<typeof createMediationService>;

async function tellAll(trx: Db, recipients: string[], notice: { key: string; title: string; body: string }): Promise<void> {
  for (const userId of new Set(recipients)) {
    await notify(trx, { userId, kind: 'mediation', title: notice.title, body: notice.body, eventKey: `${notice.key}:${userId}` });
  }
}
