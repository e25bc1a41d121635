export default definePageConfig({ enablePageMeta: true, navigationBarTitleText: '活动' });
