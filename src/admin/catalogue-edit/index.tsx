import { Button } from '@tarojs/components';
import { Box, Line } from '../../components/box';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { fetchEditable, fetchVersions, isConflict, problemsOf, restoreVersion, saveItem, type EditableItem, type VersionSummary } from '../../api/catalogue-admin';
import type { ServiceItem } from '../../api/types';
import { withPage } from '../../components/page';
import { SendStateLine } from '../../components/send-state';
import { useMe } from '../../hooks/use-me';
import { useSubmission } from '../../hooks/use-submission';
import { errorText, toast } from '../../utils/feedback';
import { timeText } from '../../utils/format';
import { BasicEditor } from './basic-editor';
import { CardEditor } from './card-editor';
import { at, tidy, type Problems } from './draft';
import { ProblemLines } from './fields';
import { FlowEditor } from './flow-editor';
import { History } from './history';
import { MaterialsEditor } from './materials-editor';
import { SheetEditor } from './sheet-editor';
import '../../styles/form.scss';
import './index.scss';

type TabKey = 'basic' | 'materials' | 'flow' | 'sheet' | 'card' | 'history';

// Which tab shows a problem, by the first part of its path.
const TAB_OF: Record<string, TabKey> = { conditions: 'materials', basis: 'materials', materials: 'materials', flow: 'flow', guide: 'sheet', card: 'card', keywords: 'card' };
const tabOf = (path: string): TabKey => TAB_OF[path.split(/[.[]/)[0]] ?? 'basic';

const TABS: { key: TabKey; label: string }[] = [
  { key: 'basic', label: '基本信息' },
  { key: 'materials', label: '条件材料' },
  { key: 'flow', label: '流程图' },
  { key: 'sheet', label: '明白纸' },
  { key: 'card', label: '一卡通' },
  { key: 'history', label: '历史版本' },
];

const oneTimeKey = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;

// 编辑办事指南 (county admins): every part of one item; saving makes a new version that residents
// see at once; the history lists each version and can restore one.
function CatalogueEditPage() {
  const code = useRouter().params.code ?? '';
  const { me, loading: meLoading } = useMe();
  const allowed = me?.role === 'county_admin';
  const [base, setBase] = useState<EditableItem>();
  const [draft, setDraft] = useState<ServiceItem>();
  const [problems, setProblems] = useState<Problems>([]);
  const [conflict, setConflict] = useState(false);
  const [loadError, setLoadError] = useState<string>();
  const [tab, setTab] = useState<TabKey>('basic');
  const [versions, setVersions] = useState<VersionSummary[]>([]);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [restoring, setRestoring] = useState(false);
  const lastError = useRef<unknown>();

  const saving = useSubmission((key) =>
    saveItem(code, base!.version, tidy(draft!), key).catch((e: unknown) => {
      lastError.current = e;
      throw e;
    }),
  );

  const show = (e: EditableItem) => {
    setBase(e);
    setDraft(e.item);
    setProblems([]);
    setConflict(false);
  };
  const loadHistory = (before?: number) =>
    fetchVersions(code, before).then(
      (r) => {
        setVersions((old) => (before ? [...old, ...r.items] : r.items));
        setNextBefore(r.nextBefore);
      },
      (e: unknown) => toast(errorText(e)),
    );
  const load = () => {
    saving.reset();
    fetchEditable(code).then(show, (e: unknown) => setLoadError(errorText(e)));
    void loadHistory();
  };
  useEffect(() => {
    if (allowed && code) load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [allowed, code]);

  if (!code) return <Line className='form__intro'>缺少事项编号，请从办事指南页进入</Line>;
  if (!me) return <Line className='form__intro'>{meLoading ? '正在加载…' : '请先登录'}</Line>;
  if (!allowed) return <Line className='form__intro'>只有县级管理员可以编辑办事目录</Line>;
  if (loadError) return <Line className='form__intro'>{loadError}</Line>;
  if (!base || !draft) return <Line className='form__intro'>正在加载…</Line>;

  const dirty = JSON.stringify(tidy(draft)) !== JSON.stringify(tidy(base.item));
  const change = (patch: Partial<ServiceItem>) => setDraft((d) => (d ? { ...d, ...patch } : d));
  const counts = problems.reduce<Partial<Record<TabKey, number>>>((c, p) => ({ ...c, [tabOf(p.path)]: (c[tabOf(p.path)] ?? 0) + 1 }), {});

  const save = async () => {
    lastError.current = undefined;
    setDraft(tidy(draft));
    const saved = await saving.submit();
    if (saved) {
      show(saved);
      saving.reset();
      toast(saved.version === base.version ? '内容没有变化' : `已保存为第 ${saved.version} 版`);
      void loadHistory();
      return;
    }
    const found = problemsOf(lastError.current);
    setProblems(found);
    if (found.length) setTab(tabOf(found[0].path));
    if (isConflict(lastError.current)) setConflict(true);
  };

  const restore = async (v: VersionSummary) => {
    const { confirm } = await Taro.showModal({
      title: '恢复此版本',
      content: `把这个事项恢复成第 ${v.version} 版？会保存为一个新版本，群众马上就能看到。${dirty ? '您还没保存的修改会丢掉。' : ''}`,
    });
    if (!confirm) return;
    setRestoring(true);
    try {
      const restored = await restoreVersion(code, v.version, base.version, oneTimeKey());
      show(restored);
      saving.reset();
      toast(`已恢复，现在是第 ${restored.version} 版`);
      await loadHistory();
    } catch (e) {
      if (isConflict(e)) setConflict(true);
      const found = problemsOf(e);
      setProblems(found);
      toast(found.length ? '这个版本不符合现在的规则，不能直接恢复' : errorText(e));
    } finally {
      setRestoring(false);
    }
  };

  const editor = { item: draft, change, problems };
  return (
    <Box className='form edit'>
      <Line className='edit__name'>{base.item.name}</Line>
      <Line className='edit__hint'>{`第 ${base.version} 版 · ${base.edited ? '改过' : '初始目录内容'} · 更新于 ${timeText(base.updatedAt)}`}</Line>
      {conflict && (
        <Box className='note-warn' role='alert'>
          <Line>别人刚刚保存过这个事项。重新载入会换成最新的内容，您这次的修改需要再做一遍。</Line>
          <Button className='form__secondary' onClick={load}>
            重新载入
          </Button>
        </Box>
      )}
      {problems.length > 0 && (
        <Box className='note-warn' role='alert'>
          <Line>{`有 ${problems.length} 处需要修改，已在各项下面标出`}</Line>
          <ProblemLines problems={[...at(problems, ''), ...at(problems, 'code'), ...at(problems, 'category')]} />
        </Box>
      )}
      {/* Six parts: wrapping chips rather than a one-line tab bar, so no label breaks. */}
      <Box className='edit__chips edit__tabs' role='tablist'>
        {TABS.map((t) => (
          <Box key={t.key} role='tab' aria-selected={t.key === tab} className={`pick${t.key === tab ? ' pick--on' : ''}`} onClick={() => setTab(t.key)}>
            <Line>{counts[t.key] ? `${t.label}（${counts[t.key]}）` : t.label}</Line>
          </Box>
        ))}
      </Box>
      {tab === 'basic' && <BasicEditor {...editor} />}
      {tab === 'materials' && <MaterialsEditor {...editor} />}
      {tab === 'flow' && <FlowEditor {...editor} />}
      {tab === 'sheet' && <SheetEditor {...editor} />}
      {tab === 'card' && <CardEditor {...editor} />}
      {tab === 'history' && <History versions={versions} hasMore={nextBefore !== null} busy={restoring} onMore={() => void loadHistory(nextBefore ?? undefined)} onRestore={(v) => void restore(v)} />}
      <Box className='edit__bar'>
        {/* Only the network case: a refused save is explained above and by its fields. */}
        {(saving.state === 'sending' || (saving.state === 'failed' && problems.length === 0 && !conflict)) && <SendStateLine state={saving.state} error={saving.error} />}
        <Button className='form__submit' disabled={!dirty || saving.state === 'sending' || undefined} onClick={() => void save()}>
          {dirty ? '保存修改' : '没有要保存的修改'}
        </Button>
        <Button className='form__secondary' onClick={() => void Taro.navigateTo({ url: `/guide/detail/index?code=${encodeURIComponent(code)}` })}>
          看群众看到的样子
        </Button>
      </Box>
    </Box>
  );
}

export default withPage(CatalogueEditPage);
