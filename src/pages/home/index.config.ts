export default definePageConfig({ navigationBarTitleText: '睦邻客厅' });
