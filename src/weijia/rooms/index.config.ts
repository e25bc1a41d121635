export default definePageConfig({ enablePageMeta: true, navigationBarTitleText: '预约房间' });
