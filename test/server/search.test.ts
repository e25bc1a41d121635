import { normalizeQuery, rankByQuery, searchForms, searchScore, type SearchCandidate } from '../../server/src/modules/catalogue/search';

interface Row {
  code: string;
  candidate: SearchCandidate;
}

const row = (code: string, name: string, keywords: string[], department = '岳池县民政局', categoryName = '社会救助'): Row => ({
  code,
  candidate: { name: searchForms(name), keywords: keywords.map(searchForms), department, categoryName },
});

const codes = (query: string, rows: Row[]) => rankByQuery(query, rows, (r) => r.candidate).map((r) => r.code);

describe('catalogue search (pure)', () => {
  it('computes Chinese, full pinyin and initials, ignoring punctuation and tones', () => {
    expect(searchForms('低保')).toEqual({ text: '低保', pinyin: 'dibao', initials: 'db' });
    expect(searchForms('城乡居民最低生活保障（低保）申请')).toEqual({
      text: '城乡居民最低生活保障（低保）申请',
      pinyin: 'chengxiangjuminzuidishenghuobaozhangdibaoshenqing',
      initials: 'cxjmzdshbzdbsq',
    });
    // ü typed as v, as on a phone keyboard; polyphones read in context.
    expect(searchForms('绿色通道').pinyin).toBe('lvsetongdao');
    expect(searchForms('银行卡').pinyin).toBe('yinhangka');
  });

  it('normalises a query: trim, lower case, no spaces', () => {
    expect(normalizeQuery('  DiBao ')).toBe('dibao');
    expect(normalizeQuery('di bao')).toBe('dibao');
  });

  it('ranks by the agreed tiers', () => {
    const rows = [
      row('d-01', '其他事项', [], '残疾人联合会', '低保相关'), // category contains
      row('d-02', '大病救助', ['大病']), // initials "db" equal a keyword → tier 9
      row('d-03', '低保', ['救助']), // name equals
      row('d-04', '低保边缘家庭认定', []), // name starts with
      row('d-05', '城乡低保申请', []), // name contains
      row('d-06', '特困供养', ['低保户转特困']), // keyword contains
    ];
    expect(codes('低保', rows)).toEqual(['d-03', 'd-04', 'd-05', 'd-06', 'd-01']);
    // Initials: an equal keyword, then a keyword containing them, then name initials.
    expect(codes('db', rows)).toEqual(['d-02', 'd-06', 'd-03', 'd-04', 'd-05']);
  });

  it('scores each tier higher than the next', () => {
    const c = row('x-01', '城乡居民最低生活保障（低保）申请', ['低保', '吃低保'], '岳池县民政局', '社会救助').candidate;
    expect(searchScore('城乡居民最低生活保障（低保）申请', c)).toBe(10);
    expect(searchScore('低保', c)).toBe(9);
    expect(searchScore('城乡', c)).toBe(8);
    expect(searchScore('生活保障', c)).toBe(7);
    expect(searchScore('chidi', c)).toBe(6);
    expect(searchScore('shenghuobao', c)).toBe(5);
    expect(searchScore('cxjm', c)).toBe(4);
    expect(searchScore('zdsh', c)).toBe(3);
    expect(searchScore('民政', c)).toBe(2);
    expect(searchScore('医保', c)).toBe(0);
    expect(searchScore('   ', c)).toBe(0);
  });

  it('keeps catalogue order for equal scores and drops non-matches', () => {
    const rows = [row('a-02', '高龄津贴申请', ['高龄']), row('a-01', '高龄补贴发放', ['高龄'])];
    expect(codes('高龄', rows)).toEqual(['a-02', 'a-01']);
    expect(codes('qqqzzz', rows)).toEqual([]);
  });
});
