export default definePageConfig({ enablePageMeta: true, navigationBarTitleText: '月观摩' });
