export default definePageConfig({ enablePageMeta: true, navigationBarTitleText: '办件详情' });
