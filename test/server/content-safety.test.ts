// The content check against the fake WeChat: verdicts, authors without an openid, WeChat down,
// long texts in parts. No database involved.
import { createContentSafety, splitText, PART_CHARS } from '../../server/src/modules/content-safety/check';
import { createWechatClient } from '../../server/src/platform/wechat/client';
import { FAKE_DEMO_OPENID, startFakeWechat, type FakeWechat } from '../../server/src/platform/wechat/fake-server';

const APP = { appId: 'wxtest0000000000', secret: 'test-secret' };
const OPENID = 'oUser00000000000000000000001';

describe('content safety', () => {
  let fake: FakeWechat;
  let wechat: ReturnType<typeof createWechatClient>;

  beforeAll(async () => {
    fake = await startFakeWechat(APP);
    wechat = createWechatClient({ ...APP, baseUrl: fake.url, maxRetries: 0, timeoutMs: 1000 });
  });
  afterAll(() => fake.close());

  const calls = () => fake.state.calls['/wxa/msg_sec_check'] ?? 0;

  it('passes plain text, holds review words and rejects risky words', async () => {
    const safety = createContentSafety(wechat);
    await expect(safety.checkText({ text: '周六晚上坝坝舞', openid: OPENID, scene: 3 })).resolves.toBe('pass');
    await expect(safety.checkText({ text: '大家一起去上访', openid: OPENID, scene: 3 })).resolves.toBe('review');
    await expect(safety.checkText({ text: '晚上来打牌赌博', openid: OPENID, scene: 2 })).resolves.toBe('risky');
  });

  it('checks an author without an openid as the demo user outside production', async () => {
    const before = calls();
    const safety = createContentSafety(wechat, { fallbackOpenid: FAKE_DEMO_OPENID });
    await expect(safety.checkText({ text: '赌博', openid: null, scene: 3 })).resolves.toBe('risky');
    await expect(safety.checkText({ text: '你好', openid: null, scene: 3 })).resolves.toBe('pass');
    // A dev login's stand-in openid is no WeChat openid either.
    await expect(safety.checkText({ text: '上访', openid: 'dev:resident:-:张三', scene: 3 })).resolves.toBe('review');
    expect(calls()).toBe(before + 3);
  });

  it('holds the text of an author without an openid in production, without asking WeChat', async () => {
    const before = calls();
    const safety = createContentSafety(wechat, { fallbackOpenid: null });
    await expect(safety.checkText({ text: '你好', openid: null, scene: 3 })).resolves.toBe('review');
    await expect(safety.checkText({ text: '你好', openid: 'dev:cadre:1:李四', scene: 3 })).resolves.toBe('review');
    expect(calls()).toBe(before);
  });

  it('defaults to no stand-in when NODE_ENV is production', async () => {
    const saved = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      const safety = createContentSafety(wechat);
      await expect(safety.checkText({ text: '你好', openid: null, scene: 3 })).resolves.toBe('review');
    } finally {
      process.env.NODE_ENV = saved;
    }
  });

  it('holds the text when WeChat is down or answers an error', async () => {
    const warnings: object[] = [];
    const safety = createContentSafety(wechat, { logger: { warn: (o) => warnings.push(o) } });
    fake.state.failNext(1, 'http500');
    await expect(safety.checkText({ text: '你好', openid: OPENID, scene: 3 })).resolves.toBe('review');
    fake.state.failNext(1, 'reset');
    await expect(safety.checkText({ text: '你好', openid: OPENID, scene: 3 })).resolves.toBe('review');
    fake.state.failNext(1, 'busy');
    await expect(safety.checkText({ text: '你好', openid: OPENID, scene: 3 })).resolves.toBe('review');
    expect(warnings).toHaveLength(3);
  });

  it('passes an empty text without a call', async () => {
    const before = calls();
    await expect(createContentSafety(wechat).checkText({ text: '  ', openid: OPENID, scene: 3 })).resolves.toBe('pass');
    expect(calls()).toBe(before);
  });

  it('checks a long text in parts and finds a word in the last part or across a cut', async () => {
    const safety = createContentSafety(wechat);
    const filler = '乡'.repeat(PART_CHARS * 2);
    await expect(safety.checkText({ text: filler, openid: OPENID, scene: 3 })).resolves.toBe('pass');
    await expect(safety.checkText({ text: `${filler}上访`, openid: OPENID, scene: 3 })).resolves.toBe('review');
    await expect(safety.checkText({ text: `${filler}上访${filler}赌博`, openid: OPENID, scene: 3 })).resolves.toBe('risky');
    const cut = `${'乡'.repeat(PART_CHARS - 1)}赌博${'乡'.repeat(100)}`;
    await expect(safety.checkText({ text: cut, openid: OPENID, scene: 3 })).resolves.toBe('risky');
  });

  it('splits by characters with overlapping parts no longer than WeChat allows', () => {
    const text = '😀'.repeat(6000);
    const parts = splitText(text);
    expect(parts.length).toBe(3);
    for (const p of parts) expect([...p].length).toBeLessThanOrEqual(PART_CHARS);
    expect(splitText('短')).toEqual(['短']);
  });
});
