// 受理条件, 设定依据 and 材料: the rows of the material list can be added and removed.
import { Button } from '@tarojs/components';
import { Box, Line } from '../../components/box';
import type { Material, ServiceItem } from '../../api/types';
import { at, replaceAt, within, type Problems } from './draft';
import { Chips, LinesField, NumberField, ProblemLines, Section, TextField, Toggle } from './fields';

const MATERIAL_FORMS = ['原件', '复印件', '原件和复印件', '电子'] as const;
const BLANK: Material = { name: '', form: '原件', copies: 1, required: true };

interface Props {
  item: ServiceItem;
  change: (patch: Partial<ServiceItem>) => void;
  problems: Problems;
}

export function MaterialsEditor({ item, change, problems }: Props) {
  const setMaterial = (i: number, patch: Partial<Material>) => change({ materials: replaceAt(item.materials, i, { ...item.materials[i], ...patch }) });
  return (
    <>
      <Section title='受理条件'>
        <LinesField label='谁能办、要满足什么（一行一条）' lines={item.conditions} onChange={(conditions) => change({ conditions })} path='conditions' problems={within(problems, 'conditions')} />
        <LinesField label='设定依据（一行一条）' lines={item.basis} onChange={(basis) => change({ basis })} path='basis' problems={within(problems, 'basis')} />
      </Section>
      <Section title='材料'>
        <ProblemLines problems={at(problems, 'materials')} />
        {item.materials.map((m, i) => (
          <Box key={i} className='edit__row'>
            <Line className='edit__row-title'>{`材料 ${i + 1}`}</Line>
            <TextField label='名称' value={m.name} onChange={(name) => setMaterial(i, { name })} problems={at(problems, `materials[${i}].name`)} />
            <Chips options={MATERIAL_FORMS.map((f) => ({ value: f, label: f }))} value={m.form} onChange={(form) => setMaterial(i, { form })} />
            <ProblemLines problems={at(problems, `materials[${i}].form`)} />
            <NumberField label='份数' value={m.copies} onChange={(v) => setMaterial(i, { copies: v ?? Number.NaN })} problems={at(problems, `materials[${i}].copies`)} />
            <Toggle label='必须提交' on={m.required} onChange={(required) => setMaterial(i, { required })} />
            <TextField label='说明（可不填）' value={m.note ?? ''} onChange={(note) => setMaterial(i, { note })} problems={at(problems, `materials[${i}].note`)} />
            <Button className='form__secondary' onClick={() => change({ materials: item.materials.filter((_, j) => j !== i) })}>
              删除这项材料
            </Button>
          </Box>
        ))}
        <Button className='form__secondary' onClick={() => change({ materials: [...item.materials, { ...BLANK }] })}>
          添加一项材料
        </Button>
      </Section>
    </>
  );
}
