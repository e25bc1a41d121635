// WeChat's content check (msgSecCheck) for texts other people will read (issue 5 item 7). Anything
// short of a clear 'pass' holds the text for a cadre: an unchecked text is never published.
import type { WechatClient } from '../../platform/wechat/client';
import { FAKE_DEMO_OPENID } from '../../platform/wechat/fake-server';

export type ContentVerdict = 'pass' | 'review' | 'risky';

export interface ContentCheckInput {
  text: string;
  // The author's mini-program openid; dev users have none (or a 'dev:…' stand-in).
  openid: string | null;
  // WeChat's scenes: 1 profile, 2 comment, 3 forum post, 4 social log.
  scene: 1 | 2 | 3 | 4;
}

export interface ContentSafety {
  checkText(input: ContentCheckInput): Promise<ContentVerdict>;
}

export interface ContentSafetyOptions {
  // Who is checked for an author without an openid; null: such texts are held ('review').
  fallbackOpenid?: string | null;
  logger?: { warn(obj: object, msg: string): void };
}

// WeChat's limit is 2,500 characters per call.
export const PART_CHARS = 2500;
// Parts overlap so a word cut at a boundary is still seen whole in one part.
const OVERLAP_CHARS = 20;
const RANK: Record<ContentVerdict, number> = { pass: 0, review: 1, risky: 2 };
// WeChat's openids are 28 URL-safe characters; anything else (dev logins) is no openid.
const WECHAT_OPENID = /^[A-Za-z0-9_-]{20,40}$/;

export function createContentSafety(wechat: WechatClient, options: ContentSafetyOptions = {}): ContentSafety {
  // Outside production the fake WeChat accepts its demo user; in production nobody stands in.
  const fallbackOpenid =
    options.fallbackOpenid !== undefined
      ? options.fallbackOpenid
      : process.env.NODE_ENV === 'production'
        ? null
        : FAKE_DEMO_OPENID;

  return {
    async checkText({ text, openid, scene }) {
      if (text.trim() === '') return 'pass';
      const checkAs = openid !== null && WECHAT_OPENID.test(openid) ? openid : fallbackOpenid;
      if (checkAs === null) return 'review';
      let worst: ContentVerdict = 'pass';
      for (const part of splitText(text)) {
        let verdict: ContentVerdict;
        try {
          verdict = (await wechat.msgSecCheck({ openid: checkAs, content: part, scene })).suggest;
        } catch (err) {
          options.logger?.warn({ err: err instanceof Error ? err.message : String(err) }, 'content check failed, holding the text');
          verdict = 'review';
        }
        if (verdict === 'risky') return 'risky';
        if (RANK[verdict] > RANK[worst]) worst = verdict;
      }
      return worst;
    },
  };
}

// Splits by code points (WeChat counts characters, not UTF-16 units) into overlapping parts.
export function splitText(text: string): string[] {
  const chars = [...text];
  if (chars.length <= PART_CHARS) return [text];
  const parts: string[] = [];
  const step = PART_CHARS - OVERLAP_CHARS;
  for (let start = 0; start < chars.length; start += step) {
    parts.push(chars.slice(start, start + PART_CHARS).join(''));
    if (start + PART_CHARS >= chars.length) break;
  }
  return parts;
}
