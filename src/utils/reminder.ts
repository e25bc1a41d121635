import Taro from '@tarojs/taro';

// On weapp, one tap asks for the reminder the day before; refusing does not stop the sign-up.
export async function askForReminder(): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp' || !MULIN_TEMPLATE_ACTIVITY_REMINDER) return;
  await Taro.requestSubscribeMessage({ tmplIds: [MULIN_TEMPLATE_ACTIVITY_REMINDER], entityIds: [] } as never).catch(() => undefined);
}
