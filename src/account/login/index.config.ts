export default definePageConfig({ enablePageMeta: true, navigationBarTitleText: '登录' });
