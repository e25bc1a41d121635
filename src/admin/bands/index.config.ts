export default definePageConfig({ enablePageMeta: true, navigationBarTitleText: '好中差评定' });
