import { useEffect } from 'react';
import { ElderMode } from '../elder-mode';

// H5: index.html's loading screen goes once a page is up; the page container and scroll views
// scroll, so keyboard users must be able to focus them.
function H5FixUps() {
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return;
    document.getElementById('boot')?.remove();
    document.querySelectorAll('.taro_page, taro-scroll-view-core').forEach((el) => {
      if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '0');
    });
  }, []);
  return null;
}

// Every page goes through this: 长辈模式 (weapp needs page-meta inside each page) and the H5
// accessibility fix-ups.
export function withPage<P extends object>(Page: (props: P) => JSX.Element | null) {
  return function AppPage(props: P) {
    return (
      <>
        <ElderMode />
        <H5FixUps />
        <Page {...props} />
      </>
    );
  };
}
