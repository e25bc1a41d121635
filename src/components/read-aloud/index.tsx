import { Button } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import './index.scss';

declare const requirePlugin: ((name: string) => unknown) | undefined;

interface WechatSI {
  textToSpeech(options: { lang: string; content: string; success: (r: { filename: string }) => void; fail: (e: unknown) => void }): void;
}

// WeChat's 同声传译 plugin limits one request to about 1,000 characters.
const WECHAT_CHUNK = 900;

function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function wechatSI(): WechatSI | undefined {
  try {
    return typeof requirePlugin === 'function' ? (requirePlugin('WechatSI') as WechatSI) : undefined;
  } catch {
    return undefined;
  }
}

export function canReadAloud(): boolean {
  if (process.env.TARO_ENV === 'h5') return typeof window !== 'undefined' && 'speechSynthesis' in window;
  return wechatSI() !== undefined;
}

let audio: Taro.InnerAudioContext | undefined;

function stop() {
  if (process.env.TARO_ENV === 'h5') window.speechSynthesis.cancel();
  else audio?.stop();
}

async function speak(text: string, onEnd: () => void) {
  if (process.env.TARO_ENV === 'h5') {
    const u = new SpeechSynthesisUtterance(text);
    u.lang = 'zh-CN';
    u.rate = 0.85;
    u.onend = onEnd;
    u.onerror = onEnd;
    window.speechSynthesis.speak(u);
    return;
  }
  const si = wechatSI()!;
  for (const part of chunks(text, WECHAT_CHUNK)) {
    const file = await new Promise<string>((resolve, reject) =>
      si.textToSpeech({ lang: 'zh_CN', content: part, success: (r) => resolve(r.filename), fail: reject }),
    );
    audio = Taro.createInnerAudioContext();
    audio.src = file;
    await new Promise<void>((resolve) => {
      audio!.onEnded(() => resolve());
      audio!.onError(() => resolve());
      audio!.play();
    });
  }
  onEnd();
}

// A big 朗读 button: reads the text aloud (Web Speech on H5, 同声传译 on weapp), tap again to stop.
export function ReadAloud({ text, label = '朗读' }: { text: string; label?: string }) {
  const [available] = useState(canReadAloud);
  const [playing, setPlaying] = useState(false);
  useEffect(() => () => stop(), []);
  if (!available) return null;
  const toggle = () => {
    if (playing) {
      stop();
      setPlaying(false);
      return;
    }
    setPlaying(true);
    speak(text, () => setPlaying(false)).catch(() => {
      setPlaying(false);
      void Taro.showToast({ title: '朗读没有成功，请稍后再试', icon: 'none' });
    });
  };
  return (
    <Button className={`read-aloud${playing ? ' read-aloud--on' : ''}`} aria-label={playing ? '停止朗读' : label} onClick={toggle}>
      {playing ? '■ 停止' : `▶ ${label}`}
    </Button>
  );
}
