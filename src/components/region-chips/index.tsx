import { Text, View } from '@tarojs/components';
import type { Region } from '../../api/account';
import './index.scss';

interface Props {
  label: string;
  regions: Region[];
  value?: string;
  onChange: (code: string) => void;
}

// Big tappable names instead of a scroll wheel: easier for old hands and for screen readers.
export function RegionChips({ label, regions, value, onChange }: Props) {
  return (
    <View className='form__field'>
      <Text className='form__label'>{label}</Text>
      <View className='region-chips'>
        {regions.map((r) => (
          <View
            key={r.code}
            role='radio'
            aria-checked={r.code === value}
            className={`region-chips__chip${r.code === value ? ' region-chips__chip--on' : ''}`}
            onClick={() => onChange(r.code)}
          >
            <Text>{r.name}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
