export default definePageConfig({ enablePageMeta: true, navigationBarTitleText: '县级统计' });
