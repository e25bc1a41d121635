export default definePageConfig({ enablePageMeta: true, navigationBarTitleText: '待审核内容' });
