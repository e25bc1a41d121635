export default definePageConfig({ enablePageMeta: true, navigationBarTitleText: '发放绑定码' });
