// Builds the whole API as one Fastify instance: database ready (migrated and seeded), routes,
// error handling, OpenAPI and the H5 build. Tests call it and use inject() or listen on port 0.
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import type { Config } from './config';
import { createDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { seedCatalogue } from './db/seed';
import { seedDemoRegions } from './db/seed/demo-regions';
import { seedDemoGroups, seedGroupKinds } from './db/seed/group-kinds';
import { seedOversight } from './db/seed/oversight';
import { registerErrorHandling } from './http/error-handler';
import { limits, readCountingWrite, serverLimits, writeCounter } from './http/limits';
import { securityHeadersPlugin } from './http/security-headers';
import { registerH5 } from './http/static-h5';
import { seedHolidays } from './modules/calendar/holidays';
import { createCatalogueRepository } from './modules/catalogue/repository';
import { catalogueRoutes } from './modules/catalogue/routes';
import { createCatalogueEditing } from './modules/catalogue/editing';
import { catalogueEditingRoutes } from './modules/catalogue/editing-routes';
import { createCatalogueService } from './modules/catalogue/service';
import { healthRoutes } from './modules/health/routes';
import { createRegionsRepository } from './modules/regions/repository';
import { regionsRoutes } from './modules/regions/routes';
import { createRegionsService } from './modules/regions/service';
import { accessControl } from './modules/auth/access-hook';
import { createRefreshTokens } from './modules/auth/refresh-tokens';
import { authRoutes } from './modules/auth/routes';
import { createAuthService } from './modules/auth/service';
import { bindingRoutes } from './modules/bindings/routes';
import { createBindingService } from './modules/bindings/service';
import { caseRoutes } from './modules/cases/routes';
import { createCaseService } from './modules/cases/service';
import { createWorkbenchService } from './modules/cases/workbench';
import { rectificationRoutes } from './modules/rectifications/routes';
import { createRectificationService } from './modules/rectifications/service';
import { createAttachmentRepository } from './modules/attachments/repository';
import { attachmentRoutes } from './modules/attachments/routes';
import { createAttachmentService } from './modules/attachments/service';
import { createNotificationRepository } from './modules/notifications/repository';
import { notificationRoutes } from './modules/notifications/routes';
import { createNotificationService } from './modules/notifications/service';
import { startOutboxWorker, type OutboxWorker, type OutboxWorkerOptions } from './modules/outbox/worker';
import { dutyRoutes } from './modules/duty/routes';
import { createDutyService } from './modules/duty/service';
import { createRegionLookup } from './modules/users/regions';
import { createUserRepository } from './modules/users/repository';
import { userRoutes } from './modules/users/routes';
import { createUserService } from './modules/users/service';
import { createContentSafety } from './modules/content-safety/check';
import { mediationRoutes } from './modules/mediations/routes';
import { createMediationService } from './modules/mediations/service';
import { talkRoutes } from './modules/talks/routes';
import { activityRoutes } from './modules/activities/routes';
import { createActivityService } from './modules/activities/service';
import { groupRoutes } from './modules/groups/routes';
import { createGroupService } from './modules/groups/service';
import { roomRoutes } from './modules/rooms/routes';
import { createRoomService } from './modules/rooms/service';
import { createReminderService } from './modules/reminders/service';
import { reviewRoutes } from './modules/reviews/routes';
import { createReviewService } from './modules/reviews/service';
import { createTalkService } from './modules/talks/service';
import { observationRoutes } from './modules/observations/routes';
import { createObservationService } from './modules/observations/service';
import { bandRoutes } from './modules/bands/routes';
import { createBandService } from './modules/bands/service';
import { figuresRoutes } from './modules/figures/routes';
import { createFiguresService } from './modules/figures/service';
import { fillMonthRows, keepMonthRowsAhead } from './modules/figures/month-counts';
import { createQrSource } from './modules/print/qr';
import { printRoutes } from './modules/print/routes';
import { createPrintService } from './modules/print/service';
import { createWechatClient } from './platform/wechat/client';
import { startFakeWechat } from './platform/wechat/fake-server';

export interface AppOptions {
  config: Config;
  // Tests pass false; by default pino logs at config.logLevel.
  logger?: FastifyServerOptions['logger'];
}

export async function buildApp({ config, logger }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
    // A proxy's request id is kept, so one id follows a request through every log line.
    requestIdHeader: 'x-request-id',
    ...serverLimits,
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  const db = createDatabase(config.database);
  app.addHook('onClose', async () => db.destroy());
  try {
    const migrations = await migrateToLatest(db, config.database);
    const seed = await seedCatalogue(db);
    const holidays = await seedHolidays(db);
    const demoRegions = config.demo ? await seedDemoRegions(db) : undefined;
    const groupKinds = await seedGroupKinds(db);
    const oversight = await seedOversight(db);
    const demoGroups = config.demo ? await seedDemoGroups(db) : undefined;
    // After the regions: every village has its per-month count rows through next month.
    const monthRows = await fillMonthRows(db, new Date());
    app.log.info({ dialect: config.database.dialect, migrations, seed, holidays, demoRegions, groupKinds, demoGroups, oversight, monthRows }, 'database ready');
    if (seed.keptEdited) {
      app.log.warn({ codes: seed.keptEdited }, 'catalogue seed changed for items a county admin has edited; the edits were kept and these seed changes not applied');
    }
  } catch (err) {
    await db.destroy();
    throw err;
  }

  registerErrorHandling(app);
  await app.register(securityHeadersPlugin, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Taro's H5 entry sets the root font size with an inline script.
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        // Taro's H5 uploadFile reads the picked photo back from its blob: URL before posting it.
        connectSrc: ["'self'", 'blob:'],
      },
    },
  });
  // Per-route limits only (sign-in, binding codes); counted per client address.
  await app.register(fastifyRateLimit, { global: false });

  const userRepo = createUserRepository(db);
  const counter = writeCounter(config, db);
  const findUser = (request: FastifyRequest, id: string) => readCountingWrite(db, request, counter, id, userRepo.byId(id)).then((rows) => rows[0]);
  await app.register(accessControl, { secret: config.jwtSecret, findUser });
  // After access control: write limits count the signed-in person as well as the address.
  await app.register(limits, { config, counter });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: '睦邻客厅 API', version: '0.1.0', description: 'Mulin: village service catalogue and errands' },
      tags: [
        { name: 'catalogue', description: '办事目录' },
        { name: 'catalogue-admin', description: '编辑办事目录（县级管理员）：版本与恢复' },
        { name: 'regions', description: '村（社区）与睦邻客厅' },
        { name: 'auth', description: '登录' },
        { name: 'me', description: '我的' },
        { name: 'bindings', description: '绑定码（村干部、管理员身份）' },
        { name: 'duty', description: '坐班与预约时段' },
        { name: 'cases', description: '办件：代办、网上办、预约办与村干部工作台' },
        { name: 'rectifications', description: '差评整改' },
        { name: 'attachments', description: '照片附件' },
        { name: 'mediations', description: '和事佬调解' },
        { name: 'talks', description: '书记龙门阵与政策宣讲' },
        { name: 'figures', description: '县级统计：各村、乡镇、全县的办件、评价与活动数字，导出与趋势' },
        { name: 'groups', description: '微家：小组、活动、签到与房间预约' },
        { name: 'print', description: '打印材料：事项 A4 页、办事指南小册子、客厅海报' },
        { name: 'observations', description: '月观摩：抽取与现场评估' },
        { name: 'bands', description: '好中差评定' },
        { name: 'system', description: '系统' },
      ],
    },
  });
  app.get('/api/docs/json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  const wechatBase = config.wechat.apiBase ?? (await startLocalFakeWechat(app, config));
  const wechat = createWechatClient({ appId: config.wechat.appId, secret: config.wechat.secret, baseUrl: wechatBase }, { logger: app.log });

  const catalogue = createCatalogueService(createCatalogueRepository(db));
  const regionsRepo = createRegionsRepository(db);
  const regions = createRegionsService(regionsRepo);
  const regionLookup = createRegionLookup(regionsRepo);
  const users = createUserService({ db, users: userRepo, regions: regionLookup, wechat });
  const bindings = createBindingService({ db, regions: regionLookup });

  const auth = createAuthService({
    users: userRepo,
    tokens: createRefreshTokens(db),
    regions: regionLookup,
    wechat,
    signAccess: (sub) => app.jwt.sign({ sub }),
    devLoginAllowed: config.devLogin,
  });
  const groupSafety = createContentSafety(wechat, { logger: app.log });
  const activities = createActivityService({ db, safety: groupSafety });
  const attachments = createAttachmentService({ db, repo: createAttachmentRepository(db), uploadDir: config.uploadDir });
  const reminders = createReminderService({ db, templateId: config.wechatTemplates.activityReminder, hour: config.reminderHour });
  if (config.outboxWorker) {
    runOutboxWorker(app, {
      db,
      wechat,
      log: app.log,
      templates: config.wechatTemplates,
      leaseMs: config.outboxLeaseSeconds * 1000,
      sweep: async () => {
        await keepMonthRowsAhead(db, new Date());
        await attachments.sweepUnclaimed();
        await reminders.sendDue();
      },
    });
  }
  await app.register(
    async (api) => {
      await api.register(healthRoutes, { db, dialect: config.database.dialect });
      await api.register(catalogueRoutes, { catalogue });
      await api.register(catalogueEditingRoutes, { editing: createCatalogueEditing({ db }) });
      await api.register(regionsRoutes, { regions });
      await api.register(authRoutes, { auth, perMinute: config.authRateLimitPerMinute });
      await api.register(userRoutes, { users });
      await api.register(bindingRoutes, { bindings, users, perMinute: config.authRateLimitPerMinute });
      await api.register(notificationRoutes, { notifications: createNotificationService(createNotificationRepository(db)) });
      await api.register(attachmentRoutes, { attachments });
      await api.register(dutyRoutes, { duty: createDutyService({ db, calendar: catalogue.calendar }) });
      await api.register(caseRoutes, { cases: createCaseService({ db, catalogue }), workbench: createWorkbenchService({ db, calendar: catalogue.calendar }) });
      await api.register(rectificationRoutes, { rectifications: createRectificationService({ db }) });
      await api.register(groupRoutes, { groups: createGroupService({ db, safety: groupSafety }), db });
      await api.register(activityRoutes, { activities, db });
      await api.register(roomRoutes, { rooms: createRoomService({ db }) });
      await api.register(mediationRoutes, { mediations: createMediationService({ db }) });
      await api.register(reviewRoutes, { reviews: createReviewService({ db }) });
      await api.register(talkRoutes, { talks: createTalkService({ db, contentSafety: createContentSafety(wechat, { logger: app.log }) }) });
      await api.register(observationRoutes, { observations: createObservationService({ db }) });
      await api.register(bandRoutes, { bands: createBandService({ db }) });
      await api.register(figuresRoutes, { figures: createFiguresService({ db }) });
    },
    { prefix: '/api/v1' },
  );

  // Mini-program codes only when WeChat is really configured (auto), else QR codes of the H5 site.
  const qr = createQrSource({
    useWechat: config.print.qr === 'wxacode' || (config.print.qr === 'auto' && config.wechat.apiBase !== null),
    wechat,
    cacheDir: config.print.qrCacheDir,
    log: app.log,
  });
  await app.register(printRoutes, { print: createPrintService({ db, qr }), publicUrl: config.print.publicUrl });

  await registerH5(app, config.h5Dir);
  return app;
}

// Delivers queued WeChat messages while the app runs; stopped before the database closes.
function runOutboxWorker(app: FastifyInstance, options: OutboxWorkerOptions): void {
  let worker: OutboxWorker | undefined;
  app.addHook('onReady', async () => {
    worker = startOutboxWorker(options);
  });
  app.addHook('preClose', async () => worker?.stop());
}

// Outside production with no WeChat configured (demo, development, tests) the real adapter talks
// to the project's fake WeChat on loopback, started and stopped with the app.
async function startLocalFakeWechat(app: FastifyInstance, config: Config): Promise<string> {
  const fake = await startFakeWechat({ appId: config.wechat.appId, secret: config.wechat.secret });
  app.addHook('onClose', async () => fake.close());
  app.log.info({ wechatApiBase: fake.url }, 'WeChat: using the fake WeChat server on loopback');
  return fake.url;
}
