export default definePageConfig({ enablePageMeta: true, navigationBarTitleText: '请和事佬帮忙' });
