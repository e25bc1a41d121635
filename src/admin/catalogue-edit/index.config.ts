export default definePageConfig({ enablePageMeta: true, navigationBarTitleText: '编辑办事指南' });
