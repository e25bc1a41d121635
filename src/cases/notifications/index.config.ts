export default definePageConfig({ enablePageMeta: true, navigationBarTitleText: '消息' });
