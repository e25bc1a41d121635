export default definePageConfig({ enablePageMeta: true, navigationBarTitleText: '输入绑定码' });
