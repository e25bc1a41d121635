export default definePageConfig({ navigationBarTitleText: '微家' });
