import { Button, Input } from '@tarojs/components';
import { Box, Line } from '../../components/box';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { sendMessage, uploadPhoto, type CaseDetail } from '../../api/cases';
import { getSession } from '../../api/session';
import { SendStateLine } from '../../components/send-state';
import { useSubmission } from '../../hooks/use-submission';
import { timeText } from '../../utils/format';

// The case thread: words and photos between the resident and the village's cadres.
export function Conversation({ item, onChanged }: { item: CaseDetail; onChanged: (c: CaseDetail) => void }) {
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const open = !['completed', 'rejected', 'cancelled'].includes(item.status);
  const send = useSubmission(async () => {
    const ids: string[] = [];
    for (const p of photos) ids.push(await uploadPhoto(p));
    return sendMessage(item.id, text.trim() || '发来照片', ids);
  });
  const submit = async () => {
    const updated = await send.submit();
    if (updated) {
      onChanged(updated);
      setText('');
      setPhotos([]);
    }
  };
  return (
    <Box className='case__card'>
      <Line className='case__title'>留言</Line>
      {item.messages.length === 0 && <Line className='case__row'>还没有留言</Line>}
      {item.messages.map((m) => (
        <Box key={m.id} className='message'>
          <Line className='message__who'>{`${m.author?.name ?? ''} · ${timeText(m.createdAt)}`}</Line>
          <Line className='message__body'>{m.body}</Line>
          {m.attachmentIds.length > 0 && (
            <Box className='message__photos'>
              {m.attachmentIds.map((a, i) => (
                <Box key={a} className='message__photo-link' role='button' onClick={() => void openPhoto(a)}>
                  <Line>{`照片${i + 1}`}</Line>
                </Box>
              ))}
            </Box>
          )}
        </Box>
      ))}
      {open && (
        <Box className='case__form'>
          <Input className='form__input' value={text} maxlength={500} placeholder='写留言' aria-label='留言' onInput={(e) => setText(e.detail.value)} />
          <Box className='case__actions'>
            <Button
              className='case__action case__action--plain'
              onClick={() => void Taro.chooseImage({ count: 9 - photos.length, sizeType: ['compressed'] }).then((r) => setPhotos([...photos, ...r.tempFilePaths].slice(0, 9)), () => undefined)}
            >
              {photos.length ? `照片 ${photos.length} 张` : '加照片'}
            </Button>
            <Button className='case__action' disabled={(!text.trim() && !photos.length) || send.state === 'sending' || undefined} onClick={() => void submit()}>
              发送
            </Button>
          </Box>
          <SendStateLine state={send.state} error={send.error} />
        </Box>
      )}
    </Box>
  );
}

// Photos are served only to the case's parties, so they are fetched with the sign-in header
// rather than put in an <image src>.
async function openPhoto(id: string) {
  const url = `${MULIN_API_BASE}/api/v1/attachments/${id}`;
  const header = { Authorization: `Bearer ${getSession()?.accessToken ?? ''}` };
  try {
    if (process.env.TARO_ENV === 'weapp') {
      const { tempFilePath, statusCode } = await Taro.downloadFile({ url, header });
      if (statusCode !== 200) throw new Error(String(statusCode));
      await Taro.previewImage({ urls: [tempFilePath] });
    } else {
      const res = await fetch(url, { headers: header });
      if (!res.ok) throw new Error(String(res.status));
      window.open(URL.createObjectURL(await res.blob()), '_blank');
    }
  } catch {
    void Taro.showToast({ title: '照片打不开，请稍后再试', icon: 'none' });
  }
}
