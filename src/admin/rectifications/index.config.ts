export default definePageConfig({ enablePageMeta: true, navigationBarTitleText: '差评整改' });
