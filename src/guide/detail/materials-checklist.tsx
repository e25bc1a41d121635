import { Box, Line } from '../../components/box';
import { useState } from 'react';
import type { Material } from '../../api/types';
import { Checklist } from '../../components/checklist';
import { materialMeta } from '../../utils/format';

// A preparation list the villager ticks at home; nothing is sent anywhere.
export function MaterialsChecklist({ materials }: { materials: Material[] }) {
  const [have, setHave] = useState<Set<string>>(new Set());
  const toggle = (name: string) =>
    setHave((prev) => {
      const next = new Set(prev);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      return next;
    });
  const missing = materials.filter((m) => m.required && !have.has(m.name)).length;
  return (
    <Box className='materials'>
      <Line className='materials__summary'>{missing === 0 ? '必带材料已备齐' : `还差 ${missing} 样必带材料，点一下打勾`}</Line>
      <Checklist
        items={materials.map((m) => ({ key: m.name, title: m.name, meta: materialMeta(m), note: m.note }))}
        checked={have}
        onToggle={toggle}
      />
    </Box>
  );
}
