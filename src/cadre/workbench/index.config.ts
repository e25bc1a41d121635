export default definePageConfig({ enablePageMeta: true, navigationBarTitleText: '村干部工作台', enablePullDownRefresh: false });
