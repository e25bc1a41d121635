import { Button } from '@tarojs/components';
import { Box, Line } from '../../components/box';
import { agreePrivacy } from '../../api/account';
import { useMe } from '../../hooks/use-me';
import { errorText, toast } from '../../utils/feedback';
import './index.scss';
import { withPage } from '../../components/page';

const SECTIONS: { title: string; lines: string[] }[] = [
  {
    title: '我们收集什么',
    lines: [
      '您的姓名、手机号、所在村（社区）。',
      '您提交的办事申请、上传的材料照片和留言。',
      '微信给的匿名编号（openid），用来认出是您登录。',
      '我们不收集身份证号，不读取您的位置和通讯录。',
    ],
  },
  {
    title: '为什么收集',
    lines: ['村干部要联系您，帮您跑腿代办。', '让您能查到办件进度，收到办理结果的提醒。'],
  },
  {
    title: '谁能看到',
    lines: [
      '您自己能看到全部信息。',
      '只有正在帮您办事的村干部，能看到您完整的手机号。',
      '其他人只能看到打码的号码，比如 138****5678。',
      '乡镇、县里的管理员只看统计数字和办件情况。',
    ],
  },
  {
    title: '保存多久',
    lines: ['账号在，资料就保存。', '您注销账号后，姓名和手机号马上删除。', '办过的事匿名保留，供村里存档和统计。'],
  },
  {
    title: '您的权利',
    lines: ['在“我的”里可以随时修改资料。', '可以导出我们保存的关于您的全部数据。', '可以注销账号。', '有疑问可以问村干部，或拨打12345。'],
  },
];

function PrivacyPage() {
  const { me, setMe } = useMe();
  const agree = async () => {
    if (!me) return;
    try {
      setMe(await agreePrivacy(me.privacy.currentVersion));
      toast('已同意');
    } catch (e) {
      toast(errorText(e));
    }
  };
  return (
    <Box className='privacy'>
      <Line className='privacy__title'>睦邻客厅隐私保护指引</Line>
      {SECTIONS.map((s) => (
        <Box key={s.title} className='privacy__section'>
          <Line className='privacy__heading'>{s.title}</Line>
          {s.lines.map((l) => (
            <Line key={l} className='privacy__line'>
              {l}
            </Line>
          ))}
        </Box>
      ))}
      {me && !me.privacy.current && (
        <Button className='privacy__agree' onClick={() => void agree()}>
          我已阅读并同意
        </Button>
      )}
      {me?.privacy.current && <Line className='privacy__done'>{`您已同意（${me.privacy.currentVersion}）`}</Line>}
    </Box>
  );
}

export default withPage(PrivacyPage);
