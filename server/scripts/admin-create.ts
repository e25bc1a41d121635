// `npm run admin:create -- --name 陈明 --phone 13800000000 [--county 511621]`: the first county
// admin. Prints a one-time binding code (24 h) that the person types in 我的 → 输入绑定码.
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config';
import { createDatabase } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import { createBindingService } from '../src/modules/bindings/service';
import { createRegionsRepository } from '../src/modules/regions/repository';
import { createRegionLookup } from '../src/modules/users/regions';
import { PHONE_PATTERN } from '../src/modules/users/service';

const USAGE = '用法：npm run admin:create -- --name 姓名 --phone 手机号 [--county 县代码]';

async function main(): Promise<number> {
  let values: { name?: string; phone?: string; county?: string };
  try {
    ({ values } = parseArgs({ options: { name: { type: 'string' }, phone: { type: 'string' }, county: { type: 'string' } } }));
  } catch {
    values = {};
  }
  if (!values.name || !values.phone) {
    console.error(USAGE);
    return 2;
  }
  if (!PHONE_PATTERN.test(values.phone)) {
    console.error('手机号应为11位数字');
    return 2;
  }
  const config = loadConfig();
  const db = createDatabase(config.database);
  try {
    await migrateToLatest(db, config.database);
    const counties = await db.selectFrom('regions').select('code').where('level', '=', 'county').execute();
    const county = values.county ?? (counties.length === 1 ? counties[0].code : undefined);
    if (!county) {
      console.error(counties.length ? '有多个县，请用 --county 指定县代码' : '还没有地区数据：请先 npm run regions:import，或以 MULIN_DEMO=1 启动一次');
      return 2;
    }
    const issued = await createBindingService({ db, regions: createRegionLookup(createRegionsRepository(db)) }).issueBootstrap({
      role: 'county_admin',
      scopeCode: county,
      name: values.name,
      phone: values.phone,
    });
    console.log(`已为 ${values.name} 生成${issued.scope.name}县级管理员绑定码：${issued.code}`);
    console.log(`请在 ${issued.expiresAt} 前，登录小程序后在“我的 → 输入绑定码”中输入。只能用一次。`);
    return 0;
  } finally {
    await db.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
