export default definePageConfig({ enablePageMeta: true, navigationBarTitleText: '我的调解' });
