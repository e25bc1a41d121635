import { ScrollView } from '@tarojs/components';
import { Box, Line } from '../../components/box';
import { useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { fetchCategories, searchServices } from '../../api/catalogue';
import { OfflineNote } from '../../components/offline-note';
import { SearchBar } from '../../components/search-bar';
import { ServiceList } from '../../components/service-list';
import { useRemote } from '../../hooks/use-remote';
import { openService, takePendingServicesFilter } from '../../utils/nav';
import './index.scss';
import { withPage } from '../../components/page';

const SEARCH_DELAY_MS = 250;

function ServicesPage() {
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState('');
  const [focus, setFocus] = useState(false);

  useDidShow(() => {
    const pending = takePendingServicesFilter();
    if (!pending) return;
    setCategory(pending.category ?? '');
    setFocus(Boolean(pending.focus));
  });

  // Wait for a pause in typing so a weak signal is not flooded with one request per letter.
  useEffect(() => {
    const t = setTimeout(() => setQuery(typed.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(t);
  }, [typed]);

  const categories = useRemote('categories', fetchCategories);
  const results = useRemote(`${category}|${query}`, () => searchServices({ q: query, category }));
  const items = results.data?.items ?? [];

  return (
    <Box className='services'>
      <Box className='services__top'>
        <SearchBar value={typed} onChange={setTyped} focus={focus} />
        <ScrollView className='services__cats' scrollX enhanced showScrollbar={false}>
          {[{ code: '', name: '全部' }, ...(categories.data?.items ?? [])].map((c) => (
            <Box
              key={c.code || 'all'}
              role='button'
              aria-pressed={c.code === category}
              className={`services__cat${c.code === category ? ' services__cat--active' : ''}`}
              onClick={() => setCategory(c.code)}
            >
              <Line>{c.name}</Line>
            </Box>
          ))}
        </ScrollView>
      </Box>
      <Box className='services__body'>
        <OfflineNote since={results.offlineSince} />
        {results.error && <Line className='services__msg'>{results.error}</Line>}
        {!results.error && !results.loading && items.length === 0 && (
          <Line className='services__msg'>{`没有找到“${query}”，换个说法试试，或直接问值班村干部`}</Line>
        )}
        {items.length > 0 && <Line className='services__count'>{`共 ${items.length} 项`}</Line>}
        <ServiceList items={items} onOpen={openService} />
      </Box>
    </Box>
  );
}

export default withPage(ServicesPage);
