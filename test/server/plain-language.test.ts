// The 明白纸 are read by villagers, many past seventy: short sentences, no office words
// without an explanation. Checked over all 56 items, with the figures printed.
import { serviceItems } from '../../server/src/db/seed/services';
import { charCount, guideTexts, JARGON, MAX_SENTENCE_CHARS, sentences, validateGuide } from '../../server/src/modules/catalogue/validate';

const all = serviceItems.map((i) => ({ code: i.code, lines: guideTexts(i.guide).flatMap(sentences) }));

it('has no sentence over 30 characters in any 明白纸', () => {
  const long = all.flatMap(({ code, lines }) => lines.filter((s) => charCount(s) > MAX_SENTENCE_CHARS).map((s) => `${code}: ${s}`));
  const lengths = all.flatMap(({ lines }) => lines.map(charCount));
  console.log(
    `明白纸: ${lengths.length} sentences in ${all.length} items, mean ${(lengths.reduce((a, b) => a + b, 0) / lengths.length).toFixed(1)} characters, longest ${Math.max(...lengths)}`,
  );
  expect(long).toEqual([]);
});

it('explains every office word it uses', () => {
  const unexplained = serviceItems.flatMap((i) => validateGuide(i.guide).filter((e) => e.includes('没有解释')).map((e) => `${i.code}: ${e}`));
  expect(unexplained).toEqual([]);
});

it('flags a sheet that breaks the rules (the check itself works)', () => {
  const line = ['短句。'];
  const guide = { what: line, who: line, bring: line, steps: line, time: line, cost: line, faq: [{ q: '问？', a: '答。' }, { q: '问二？', a: '答二。' }] };
  expect(validateGuide({ ...guide, tips: line })).toEqual([]);
  const errors = validateGuide({ ...guide, tips: ['请携带全部材料到乡镇便民服务中心窗口办理受理登记手续并等待结果通知。'] });
  expect(errors.some((e) => e.includes('超过 30 个字'))).toBe(true);
  expect(errors.some((e) => e.includes('“受理”却没有解释'))).toBe(true);
  expect(JARGON).toContain('受理');
  expect(validateGuide({ ...guide, tips: line, steps: ['1. 到村里交申请。', '2、等通知。'] })).toEqual([
    'guide.steps[0]: 怎么办的每一步不用写序号，页面会自动编上 1、2、3',
    'guide.steps[1]: 怎么办的每一步不用写序号，页面会自动编上 1、2、3',
  ]);
});
