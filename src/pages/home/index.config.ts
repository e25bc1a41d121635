export default definePageConfig({ enablePageMeta: true, navigationBarTitleText: '睦邻客厅' });
