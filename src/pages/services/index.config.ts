export default definePageConfig({ enablePageMeta: true, navigationBarTitleText: '办事' });
