import { Button, Input, Textarea } from '@tarojs/components';
import { Box, Line } from '../../components/box';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { uploadPhoto } from '../../api/cases';
import { ApiError } from '../../api/client';
import { createVisit, type StandardList, type Visit } from '../../api/oversight';
import { SendStateLine } from '../../components/send-state';
import { useSubmission } from '../../hooks/use-submission';
import { errorText, toast } from '../../utils/feedback';

interface Props {
  standards: StandardList;
  village: { villageCode: string; villageName: string };
  month: string;
  drawId?: string;
  onDone: (visit: Visit) => void;
}

// The evaluation form on a phone, on site: every standard starts at full marks and the group
// takes points off with a reason. Photos upload as they are taken, so a resend sends the same ids.
export function VisitForm({ standards, village, month, drawId, onDone }: Props) {
  const all = standards.categories.flatMap((c) => c.standards);
  const [scores, setScores] = useState<Record<string, number>>(() => Object.fromEntries(all.map((s) => [s.code, s.maxScore])));
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [photos, setPhotos] = useState<string[]>([]);
  const [uploading, setUploading] = useState(false);
  const [summary, setSummary] = useState('');
  const [formError, setFormError] = useState<string>();
  const total = all.reduce((sum, s) => sum + (scores[s.code] ?? 0), 0);

  const send = useSubmission((key) =>
    createVisit(
      {
        villageCode: village.villageCode,
        month,
        drawId,
        scores: all.map((s) => ({ standard: s.code, score: scores[s.code], note: notes[s.code]?.trim() || undefined })),
        photos,
        summary: summary.trim(),
      },
      key,
    ),
  );

  const step = (code: string, max: number, by: number) => setScores({ ...scores, [code]: Math.min(max, Math.max(0, (scores[code] ?? 0) + by)) });

  const addPhotos = async () => {
    try {
      const picked = await Taro.chooseImage({ count: 9 - photos.length, sizeType: ['compressed'], sourceType: ['camera', 'album'] });
      setUploading(true);
      const ids = [...photos];
      for (const p of picked.tempFilePaths) ids.push(await uploadPhoto(p));
      setPhotos(ids.slice(0, 9));
    } catch (e) {
      // Closing the camera is not an error; a failed upload is.
      if (e instanceof ApiError) toast(errorText(e));
    } finally {
      setUploading(false);
    }
  };

  const submit = async () => {
    setFormError(undefined);
    if (!photos.length) return setFormError('请至少拍一张现场照片');
    if (!summary.trim()) return setFormError('请写上观摩小结');
    const visit = await send.submit();
    if (visit) onDone(visit);
  };

  return (
    <Box className='observe__form'>
      <Line className='observe__heading'>{`${village.villageName} · 现场评分`}</Line>
      {standards.categories.map((c) => (
        <Box key={c.category} className='form__group'>
          <Line className='observe__category'>{`${c.category}（${c.maxScore} 分）`}</Line>
          {c.standards.map((s) => (
            <Box key={s.code} className='form__field'>
              <Line className='observe__title'>{s.title}</Line>
              <Line className='observe__checks'>{s.checks}</Line>
              <Box className='observe__stepper'>
                <Button className='observe__step' aria-label={`${s.title}减一分`} disabled={scores[s.code] <= 0 || undefined} onClick={() => step(s.code, s.maxScore, -1)}>
                  －
                </Button>
                <Line className='observe__score'>{`${scores[s.code]} / ${s.maxScore} 分`}</Line>
                <Button className='observe__step' aria-label={`${s.title}加一分`} disabled={scores[s.code] >= s.maxScore || undefined} onClick={() => step(s.code, s.maxScore, 1)}>
                  ＋
                </Button>
              </Box>
              {scores[s.code] < s.maxScore && (
                <Input className='form__input' value={notes[s.code] ?? ''} maxlength={200} placeholder='扣分原因（选填）' aria-label={`${s.title}扣分原因`} onInput={(e) => setNotes({ ...notes, [s.code]: e.detail.value })} />
              )}
            </Box>
          ))}
        </Box>
      ))}
      <Line className='observe__total'>{`合计 ${total} / ${standards.maxTotal} 分（以提交后服务器算出的为准）`}</Line>

      <Button className='form__secondary' disabled={uploading || photos.length >= 9 || undefined} onClick={() => void addPhotos()}>
        {uploading ? '照片上传中…' : photos.length ? `已传 ${photos.length} 张现场照片，再拍一张` : '拍现场照片'}
      </Button>
      <Line className='form__label'>观摩小结</Line>
      <Textarea className='observe__summary' value={summary} maxlength={500} placeholder='亮点、问题和整改要求' aria-label='观摩小结' onInput={(e) => setSummary(e.detail.value)} />

      {formError && <Line className='form__error'>{formError}</Line>}
      <SendStateLine state={send.state} error={send.error} />
      <Button className='form__submit' disabled={send.state === 'sending' || uploading || undefined} onClick={() => void submit()}>
        提交评分
      </Button>
    </Box>
  );
}
