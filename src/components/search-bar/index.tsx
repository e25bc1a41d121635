import { Input } from '@tarojs/components';
import { Box, Line } from '../box';
import './index.scss';

interface Props {
  value: string;
  onChange: (value: string) => void;
  focus?: boolean;
  placeholder?: string;
}

export function SearchBar({ value, onChange, focus, placeholder = '搜事项：如 低保、dibao、db' }: Props) {
  return (
    <Box className='search-bar' role='search'>
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
        <Box className='search-bar__clear' role='button' onClick={() => onChange('')}>
          <Line>清除</Line>
        </Box>
      )}
    </Box>
  );
}
