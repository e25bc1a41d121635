export default defineAppConfig({
  pages: ['pages/home/index', 'pages/services/index', 'pages/groups/index', 'pages/me/index'],
  subPackages: [{ root: 'guide', pages: ['detail/index'] }],
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
      { pagePath: 'pages/home/index', text: '首页' },
      { pagePath: 'pages/services/index', text: '办事' },
      { pagePath: 'pages/groups/index', text: '微家' },
      { pagePath: 'pages/me/index', text: '我的' },
    ],
  },
  lazyCodeLoading: 'requiredComponents',
});
