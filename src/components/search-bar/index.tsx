import { Input, Text, View } from '@tarojs/components';
import './index.scss';

interface Props {
  value: string;
  onChange: (value: string) => void;
  focus?: boolean;
  placeholder?: string;
}

export function SearchBar({ value, onChange, focus, placeholder = '搜事项：如 低保、dibao、db' }: Props) {
  return (
    <View className='search-bar' role='search'>
      <Input
        className='search-bar__input'
        type='text'
        confirmType='search'
        value={value}
        focus={focus}
        placeholder={placeholder}
        aria-label='搜索办事事项'
        onInput={(e) => onChange(e.detail.value)}
      />
      {value && (
        <View className='search-bar__clear' role='button' onClick={() => onChange('')}>
          <Text>清除</Text>
        </View>
      )}
    </View>
  );
}
