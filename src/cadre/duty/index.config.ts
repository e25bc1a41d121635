export default definePageConfig({ navigationBarTitleText: '值班排班' });
