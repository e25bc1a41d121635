export default definePageConfig({ enablePageMeta: true, navigationBarTitleText: '办事指南', enableShareAppMessage: true });
