export default definePageConfig({ enablePageMeta: true, navigationBarTitleText: '值班排班' });
