export default definePageConfig({ enablePageMeta: true, navigationBarTitleText: '到场和小结' });
