export default definePageConfig({ enablePageMeta: true, navigationBarTitleText: '龙门阵和宣讲' });
