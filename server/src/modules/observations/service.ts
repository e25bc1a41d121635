// 月观摩 (issue 6): each month the county draws 3–5 living rooms with a recorded seed, and the
// evaluation group (county admins, and the township's own admins) scores a room against the 12
// standards on site, with photos. The server sums the scores; the visits feed the band.
import type { Db } from '../../db/database';
import { newRowId } from '../../db/row-id';
import { AppError } from '../../http/app-error';
import { runIdempotent, type IdempotentResponse } from '../../http/idempotency';
import { claimVisitPhotos } from '../attachments/claim';
import { optionalText, requiredText } from '../cases/text-input';
import { decodeCursor, pageOf } from '../cases/cursor';
import { monthKeyOf, parsePeriod } from '../figures/period';
import { isWithinRegion } from '../regions/codes';
import type { UserRow } from '../users/repository';
import { adminScope, narrowTo, scopeForbidden, type AdminScope } from './admin-scope';
import { DRAW_ALGORITHM, drawRooms, randomSeed } from './draw';
import { createObservationRepository, type DrawRow, type VisitRow } from './repository';
import type { CreateDrawInput, CreateVisitInput, Draw, DrawList, DrawListQuery, StandardList, VerifyDrawInput, Visit, VisitList, VisitListQuery, VisitSummary } from './schemas';

const SUMMARY = { label: '观摩小结', max: 500 };
const NOTE = { label: '扣分说明', max: 200 };
const drawNotFound = () => new AppError(404, 'DRAW_NOT_FOUND', '没有找到这次抽取');
const visitNotFound = () => new AppError(404, 'VISIT_NOT_FOUND', '没有找到这次观摩记录');

// The month after a CST month key, e.g. 2026-12 → 2027-01.
const nextMonth = (month: string) => parsePeriod(month).to.slice(0, 7);

// Draws a township admin sees: their township's and their county's.
const drawScopes = (scope: AdminScope): { exact: string[]; prefix?: string } =>
  scope.level === 'county' ? { exact: [], prefix: scope.code } : { exact: [scope.code, scope.code.slice(0, 6)] };
const seesDraw = (scope: AdminScope, d: DrawRow) => (scope.level === 'county' ? isWithinRegion(d.scope_code, scope.code) : drawScopes(scope).exact.includes(d.scope_code));

export function createObservationService({ db, clock = () => new Date() }: { db: Db; clock?: () => Date }) {
  const repo = createObservationRepository(db);

  const drawView = async (trx: Db, d: DrawRow): Promise<Draw> => {
    const r = createObservationRepository(trx);
    const candidates = JSON.parse(d.candidates) as string[];
    const result = JSON.parse(d.result) as string[];
    const names = await r.regionNames([d.scope_code, ...candidates, ...candidates.map((c) => c.slice(0, 9))]);
    const visits = await r.visitsOf(d.month, result);
    const village = (code: string) => ({ villageCode: code, villageName: names.get(code) ?? code, townshipName: names.get(code.slice(0, 9)) ?? code.slice(0, 9) });
    return {
      id: d.id,
      month: d.month,
      scopeCode: d.scope_code,
      scopeName: names.get(d.scope_code) ?? d.scope_code,
      seed: d.seed,
      algorithm: d.algorithm,
      count: d.count,
      candidates: candidates.map(village),
      result: result.map((code) => ({ ...village(code), visitId: visits.get(code)?.id ?? null, visitTotal: visits.get(code)?.total ?? null })),
      drawnBy: { id: d.drawn_by, name: d.drawn_by_name },
      createdAt: d.created_at,
    };
  };

  const summaryViews = async (trx: Db, rows: VisitRow[]): Promise<VisitSummary[]> => {
    const names = await createObservationRepository(trx).regionNames(rows.flatMap((v) => [v.village_code, v.township_code]));
    return rows.map((v) => ({
      id: v.id,
      villageCode: v.village_code,
      villageName: names.get(v.village_code) ?? v.village_code,
      townshipCode: v.township_code,
      townshipName: names.get(v.township_code) ?? v.township_code,
      month: v.month,
      drawId: v.draw_id,
      total: v.total,
      maxTotal: v.max_total,
      visitedBy: { id: v.visited_by, name: v.visited_by_name },
      createdAt: v.created_at,
    }));
  };

  const visitView = async (trx: Db, id: string): Promise<Visit> => {
    const r = createObservationRepository(trx);
    const v = await r.findVisit(id);
    if (!v) throw visitNotFound();
    const [[summary], scores, photos] = await Promise.all([summaryViews(trx, [v]), r.scoresOf(id), r.photosOf(id)]);
    const categories: Visit['categories'] = [];
    for (const s of scores) {
      let group = categories.find((c) => c.category === s.category);
      if (!group) categories.push((group = { category: s.category, score: 0, maxScore: 0, standards: [] }));
      group.score += s.score;
      group.maxScore += s.max_score;
      group.standards.push({ code: s.standard_code, title: s.title, checks: s.checks, maxScore: s.max_score, score: s.score, note: s.note });
    }
    return { ...summary, summary: v.summary, categories, photos };
  };

  const visibleVisit = async (user: UserRow, id: string): Promise<VisitRow> => {
    const v = await repo.findVisit(id);
    if (!v || !isWithinRegion(v.village_code, adminScope(user).code)) throw visitNotFound();
    return v;
  };

  // Every standard exactly once, within its maximum; refused naming the standard.
  const checkedScores = async (input: CreateVisitInput['scores']) => {
    const standards = await repo.standards();
    const byCode = new Map(input.map((s) => [s.standard, s]));
    if (byCode.size !== input.length) throw new AppError(400, 'SCORE_DUPLICATE', '有的标准打了两次分，请检查后重新提交');
    const unknown = input.find((s) => !standards.some((st) => st.code === s.standard));
    if (unknown) throw new AppError(400, 'STANDARD_UNKNOWN', `没有“${unknown.standard}”这项标准，请刷新后重新填写`);
    return standards.map((st) => {
      const given = byCode.get(st.code);
      if (!given) throw new AppError(400, 'SCORE_MISSING', `“${st.title}”还没有打分`);
      if (given.score > st.max_score) throw new AppError(400, 'SCORE_TOO_HIGH', `“${st.title}”最多 ${st.max_score} 分，现在填的是 ${given.score} 分`);
      return { standard_code: st.code, score: given.score, max_score: st.max_score, note: optionalText(given.note, { ...NOTE, label: `“${st.title}”的${NOTE.label}` }) };
    });
  };

  return {
    async standards(user: UserRow): Promise<StandardList> {
      adminScope(user);
      const categories: StandardList['categories'] = [];
      for (const s of await repo.standards()) {
        let group = categories.find((c) => c.category === s.category);
        if (!group) categories.push((group = { category: s.category, maxScore: 0, standards: [] }));
        group.maxScore += s.max_score;
        group.standards.push({ code: s.code, title: s.title, checks: s.checks, maxScore: s.max_score });
      }
      return { maxTotal: categories.reduce((sum, c) => sum + c.maxScore, 0), categories };
    },

    async createDraw(user: UserRow, input: CreateDrawInput, key: string): Promise<IdempotentResponse<Draw>> {
      const scope = adminScope(user);
      if (scope.level !== 'county') throw scopeForbidden('月观摩由县里统一抽取');
      const scopeCode = narrowTo(scope, input.townshipCode);
      if (scopeCode !== scope.code && (await repo.regionLevel(scopeCode)) !== 'township') throw new AppError(404, 'TOWNSHIP_NOT_FOUND', '没有找到这个乡镇（街道）');
      parsePeriod(input.month);
      const current = monthKeyOf(clock());
      if (input.month > nextMonth(current)) throw new AppError(400, 'MONTH_TOO_FAR', '只能抽取本月或下个月的观摩点');
      const candidates = await repo.livingRoomsIn(scopeCode);
      if (candidates.length < input.count) {
        throw new AppError(400, 'NOT_ENOUGH_ROOMS', `这个范围只有 ${candidates.length} 个睦邻客厅，不够抽 ${input.count} 个`);
      }
      const seed = input.seed ?? randomSeed();
      const result = drawRooms(seed, candidates, input.count);
      return runIdempotent(db, { userId: user.id, key, route: 'POST /observations/draws', payload: input }, async (trx) => {
        const id = newRowId();
        const inserted = await createObservationRepository(trx).insertDraw({
          id,
          month: input.month,
          scope_code: scopeCode,
          seed,
          algorithm: DRAW_ALGORITHM,
          count: input.count,
          candidates: JSON.stringify(candidates),
          result: JSON.stringify(result),
          drawn_by: user.id,
          created_at: clock().toISOString(),
        });
        if (!inserted) throw new AppError(409, 'DRAW_EXISTS', `${input.month} 这个范围已经抽过了，每月只抽一次`);
        const row = await createObservationRepository(trx).findDraw(id);
        return { statusCode: 201, body: await drawView(trx, row!) };
      });
    },

    async listDraws(user: UserRow, query: DrawListQuery): Promise<DrawList> {
      const scope = adminScope(user);
      const limit = query.limit ?? 12;
      const rows = await repo.listDraws({ scopes: drawScopes(scope), month: query.month }, { limit, after: decodeCursor(query.cursor) });
      const page = pageOf(rows, limit, (r) => r.created_at);
      return { items: await Promise.all(page.rows.map((d) => drawView(db, d))), nextCursor: page.nextCursor };
    },

    async getDraw(user: UserRow, id: string): Promise<Draw> {
      const scope = adminScope(user);
      const d = await repo.findDraw(id);
      if (!d || !seesDraw(scope, d)) throw drawNotFound();
      return drawView(db, d);
    },

    // Re-runs a draw from its record: the same seed and candidates always give the same rooms.
    verifyDraw(user: UserRow, input: VerifyDrawInput): { algorithm: string; result: string[] } {
      adminScope(user);
      return { algorithm: DRAW_ALGORITHM, result: drawRooms(input.seed, input.candidates, input.count) };
    },

    async createVisit(user: UserRow, input: CreateVisitInput, key: string): Promise<IdempotentResponse<Visit>> {
      const scope = adminScope(user);
      if (!isWithinRegion(input.villageCode, scope.code)) throw scopeForbidden('只能观摩评估本辖区的睦邻客厅');
      if ((await repo.regionLevel(input.villageCode)) !== 'village') throw new AppError(404, 'VILLAGE_NOT_FOUND', '没有找到这个村（社区）');
      parsePeriod(input.month);
      if (input.month > monthKeyOf(clock())) throw new AppError(400, 'MONTH_IN_FUTURE', '观摩月份不能晚于本月');
      if (input.drawId) {
        const d = await repo.findDraw(input.drawId);
        if (!d || !seesDraw(scope, d)) throw drawNotFound();
        if (d.month !== input.month || !(JSON.parse(d.result) as string[]).includes(input.villageCode)) {
          throw new AppError(400, 'NOT_IN_DRAW', '这个村不在这次抽取的名单里，请核对月份和村名');
        }
      }
      const scores = await checkedScores(input.scores);
      if (input.photos.length === 0) throw new AppError(400, 'PHOTO_REQUIRED', '请至少拍一张现场照片');
      const summary = requiredText(input.summary, SUMMARY, { code: 'SUMMARY_REQUIRED', message: '请写上观摩小结' });
      return runIdempotent(db, { userId: user.id, key, route: 'POST /observations/visits', payload: input }, async (trx) => {
        const id = newRowId();
        const inserted = await createObservationRepository(trx).insertVisit(
          {
            id,
            village_code: input.villageCode,
            township_code: input.villageCode.slice(0, 9),
            month: input.month,
            draw_id: input.drawId ?? null,
            total: scores.reduce((sum, s) => sum + s.score, 0),
            max_total: scores.reduce((sum, s) => sum + s.max_score, 0),
            summary,
            visited_by: user.id,
            created_at: clock().toISOString(),
          },
          scores.map((s) => ({ ...s, visit_id: id })),
        );
        if (!inserted) throw new AppError(409, 'VISIT_EXISTS', `这个村 ${input.month} 已经评估过了，每月评估一次`);
        await claimVisitPhotos(trx, { ids: input.photos, uploaderId: user.id, visitId: id });
        return { statusCode: 201, body: await visitView(trx, id) };
      });
    },

    async listVisits(user: UserRow, query: VisitListQuery): Promise<VisitList> {
      const scope = adminScope(user);
      if (query.village && !isWithinRegion(query.village, scope.code)) throw scopeForbidden('只能查看本辖区的观摩记录');
      const limit = query.limit ?? 20;
      const rows = await repo.listVisits({ prefix: scope.code, month: query.month, village: query.village }, { limit, after: decodeCursor(query.cursor) });
      const page = pageOf(rows, limit, (r) => r.created_at);
      return { items: await summaryViews(db, page.rows), nextCursor: page.nextCursor };
    },

    async getVisit(user: UserRow, id: string): Promise<Visit> {
      await visibleVisit(user, id);
      return visitView(db, id);
    },
  };
}

export type ObservationService = ReturnType<typeof createObservationService>;
