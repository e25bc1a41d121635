// 历史版本: who changed what and when, newest first; any older version can be restored (the
// restore is saved as a new version, so it can be undone the same way).
import { Button } from '@tarojs/components';
import { Box, Line } from '../../components/box';
import type { VersionSummary } from '../../api/catalogue-admin';
import { timeText } from '../../utils/format';
import { Section } from './fields';

const SHOWN_CHANGES = 8;

interface Props {
  versions: VersionSummary[];
  hasMore: boolean;
  busy: boolean;
  onMore: () => void;
  onRestore: (v: VersionSummary) => void;
}

export function History({ versions, hasMore, busy, onMore, onRestore }: Props) {
  return (
    <Section title='历史版本'>
      {versions.length === 0 && <Line className='edit__hint'>正在加载…</Line>}
      {versions.map((v) => (
        <Box key={v.version} className='edit__row history'>
          <Line className='history__head'>{`第 ${v.version} 版${v.current ? '（现在用的）' : ''}`}</Line>
          <Line className='history__meta'>
            {`${v.changedBy ? v.changedBy.name : '初始目录'} · ${timeText(v.changedAt)}${v.restoredFrom ? ` · 恢复自第 ${v.restoredFrom} 版` : ''}`}
          </Line>
          {v.changes.slice(0, SHOWN_CHANGES).map((c) => (
            <Line key={c.path} className='history__change'>
              {`${c.label}：${c.before === null ? '（新增）' : `“${c.before}”`} → ${c.after === null ? '（删除）' : `“${c.after}”`}`}
            </Line>
          ))}
          {v.changes.length > SHOWN_CHANGES && <Line className='history__change'>{`……共改了 ${v.changes.length} 处`}</Line>}
          {!v.current && (
            <Button className='form__secondary' disabled={busy || undefined} onClick={() => onRestore(v)}>
              恢复此版本
            </Button>
          )}
        </Box>
      ))}
      {hasMore && (
        <Button className='form__secondary' onClick={onMore}>
          更早的版本
        </Button>
      )}
    </Section>
  );
}
