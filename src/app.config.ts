export default defineAppConfig({
  pages: ['pages/home/index', 'pages/services/index', 'pages/groups/index', 'pages/me/index'],
  subPackages: [
    { root: 'guide', pages: ['detail/index'] },
    { root: 'account', pages: ['login/index', 'profile/index', 'privacy/index', 'binding/index'] },
    { root: 'admin', pages: ['bindings/index', 'rectifications/index', 'catalogue-edit/index', 'bands/index', 'observation/index', 'figures/index'] },
    { root: 'booking', pages: ['new/index'] },
    { root: 'cases', pages: ['list/index', 'detail/index', 'notifications/index'] },
    { root: 'cadre', pages: ['workbench/index', 'duty/index', 'talks/index', 'talk/index', 'reviews/index'] },
    { root: 'weijia', pages: ['group/index', 'activity/index', 'mediation-new/index', 'mediation/index', 'mediations/index', 'talk/index', 'rooms/index'] },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#b4261a',
    navigationBarTitleText: '睦邻客厅',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f6f4f0',
  },
  tabBar: {
    color: '#555555',
    selectedColor: '#b4261a',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/home/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/services/index', text: '办事', iconPath: 'assets/tab/services.png', selectedIconPath: 'assets/tab/services-active.png' },
      { pagePath: 'pages/groups/index', text: '微家', iconPath: 'assets/tab/groups.png', selectedIconPath: 'assets/tab/groups-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-active.png' },
    ],
  },
  lazyCodeLoading: 'requiredComponents',
  // H5 pages switch without Taro's slide: its router hides the page left behind on a timer that
  // nothing cancels, so a page come back to within 350 ms (a quick sign-in, a quick 返回) went
  // blank under the tab bar. A cheap phone is spared the animation too.
  ...(process.env.TARO_ENV === 'h5' ? { animation: false } : {}),
  // WeChat's privacy-authorize flow: privacy APIs wait for the agreement button.
  __usePrivacyCheck__: true,
  // 同声传译 for reading 明白纸 and case progress aloud; the app checks it loaded before offering it.
  plugins: { WechatSI: { version: '0.3.5', provider: 'wx069ba97219f66d99' } },
});
