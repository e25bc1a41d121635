// 基本信息: names, time limits, trips, fee, place, phones and the ways it can be done.
import type { ServiceItem } from '../../api/types';
import { CHANNEL_LABELS } from '../../utils/format';
import { at, type Problems } from './draft';
import { Chips, NumberField, ProblemLines, Section, TextField, Toggle } from './fields';

const SERVICE_TYPES = ['行政许可', '行政给付', '行政确认', '行政裁决', '公共服务', '其他行政权力'] as const;

interface Props {
  item: ServiceItem;
  change: (patch: Partial<ServiceItem>) => void;
  problems: Problems;
}

export function BasicEditor({ item, change, problems }: Props) {
  const text = (key: 'name' | 'department' | 'fee' | 'place' | 'hours' | 'consultPhone' | 'complaintPhone' | 'result', label: string, multiline = false) => (
    <TextField label={label} value={item[key]} multiline={multiline} onChange={(v) => change({ [key]: v })} problems={at(problems, key)} />
  );
  return (
    <>
      <Section title='基本信息'>
        {text('name', '事项名称')}
        {text('department', '实施部门')}
        <Chips options={SERVICE_TYPES.map((t) => ({ value: t, label: t }))} value={item.type} onChange={(type) => change({ type })} />
        <ProblemLines problems={at(problems, 'type')} />
        <NumberField label='承诺时限（工作日，0 为当场办结）' value={item.promisedDays} onChange={(v) => change({ promisedDays: v ?? Number.NaN })} problems={at(problems, 'promisedDays')} />
        <NumberField label='法定时限（工作日，没有可不填）' value={item.legalDays} onChange={(legalDays) => change({ legalDays })} problems={at(problems, 'legalDays')} />
        {text('fee', '收费标准')}
        {text('place', '办理地点', true)}
        {text('hours', '办公时间')}
        {text('consultPhone', '咨询电话')}
        {text('complaintPhone', '监督投诉电话')}
        {text('result', '办理结果', true)}
      </Section>
      <Section title='跑动与办理方式'>
        <Chips
          options={[
            { value: 0 as const, label: '不用跑' },
            { value: 1 as const, label: '最多跑一次' },
          ]}
          value={item.trips}
          onChange={(trips) => change({ trips })}
        />
        <ProblemLines problems={at(problems, 'trips')} />
        {item.trips === 1 && <TextField label='为什么要到现场' value={item.tripsNote ?? ''} onChange={(tripsNote) => change({ tripsNote })} problems={at(problems, 'tripsNote')} />}
        {(Object.keys(CHANNEL_LABELS) as (keyof typeof CHANNEL_LABELS)[]).map((k) => (
          <Toggle key={k} label={CHANNEL_LABELS[k]} on={item.channels[k]} onChange={(on) => change({ channels: { ...item.channels, [k]: on } })} />
        ))}
        <ProblemLines problems={at(problems, 'channels')} />
        <Toggle label='下放到村（村里能办）' on={item.delegated} onChange={(delegated) => change({ delegated })} />
      </Section>
    </>
  );
}
