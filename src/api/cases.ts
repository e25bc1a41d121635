import Taro from '@tarojs/taro';
import { ApiError } from './client';
import { authed, getSession } from './session';

export type Channel = 'proxy' | 'online' | 'appointment';
export type Half = 'am' | 'pm';
export type CaseAction = 'accept' | 'start' | 'ask_resident' | 'resume' | 'complete' | 'reject' | 'cancel' | 'transfer' | 'reschedule' | 'rate';

export interface Slot {
  date: string;
  half: Half;
  capacity: number;
  booked: number;
  available: number;
  bookable: boolean;
}

export interface CaseSummary {
  id: string;
  number: string;
  service: { code: string; name: string };
  channel: Channel;
  status: string;
  statusLabel: string;
  dueAt: string | null;
  overdue: boolean;
  slot: { date: string; half: Half } | null;
  createdAt: string;
  resident?: { name: string | null; phone: string | null };
  actions: CaseAction[];
}

export interface TimelineEntry {
  action: string;
  toStatus: string;
  note: string | null;
  actor: { name: string | null; role: string } | null;
  createdAt: string;
}

export interface CaseDetail extends CaseSummary {
  villageCode: string;
  handover: 'slot' | 'home_visit' | null;
  homeVisitReason: string | null;
  description: string | null;
  missingMaterials: string[];
  acceptBy: string | null;
  assignee: { id?: string; name: string | null; phone: string | null } | null;
  resident: { name: string | null; phone: string | null };
  resultNote: string | null;
  rejectReason: string | null;
  rejectReferral: string | null;
  timeline: TimelineEntry[];
  messages: { id: string; author: { name: string | null; role: string } | null; body: string; attachmentIds: string[]; createdAt: string; mine?: boolean }[];
  materials: { id: string; name: string; form: string; copies: number; note: string | null; receivedAt: string; receivedBy: string | null; returnedAt: string | null; returnedBy: string | null }[];
  rating: { level: number; label: string; comment: string | null; createdAt: string } | null;
  rectification: { status: string; deadlineAt: string; callbackAt: string | null; closedAt: string | null; closingNote: string | null } | null;
}

export interface NewCase {
  serviceCode: string;
  channel: Channel;
  handover?: 'slot' | 'home_visit';
  slot?: { date: string; half: Half };
  homeVisitReason?: string;
  description?: string;
  materialsHave: string[];
}

export const HALF_LABELS: Record<Half, string> = { am: '上午', pm: '下午' };

export const ACTION_LABELS: Record<CaseAction, string> = {
  accept: '受理',
  start: '开始办理',
  ask_resident: '请群众补充',
  resume: '继续办理',
  complete: '办结',
  reject: '不予受理',
  cancel: '取消办件',
  transfer: '转给其他村干部',
  reschedule: '改约时间',
  rate: '评价',
};

export const listSlots = (villageCode: string, from: string, to: string) =>
  authed<{ items: Slot[] }>(`/api/v1/slots?villageCode=${villageCode}&from=${from}&to=${to}`).then((r) => r.items);

// The key is made once per form and reused on every retry, so a resend never makes a second case.
export const createCase = (input: NewCase, idempotencyKey: string) =>
  authed<CaseDetail>('/api/v1/cases', { method: 'POST', data: input, headers: { 'Idempotency-Key': idempotencyKey } });

export const myCases = (status: 'open' | 'closed') => authed<{ items: CaseSummary[] }>(`/api/v1/cases/mine?status=${status}`).then((r) => r.items);
export const getCase = (id: string) => authed<CaseDetail>(`/api/v1/cases/${id}`);
export const transition = (id: string, body: { action: CaseAction } & Record<string, unknown>) =>
  authed<CaseDetail>(`/api/v1/cases/${id}/transitions`, { method: 'POST', data: body });
export const sendMessage = (id: string, body: string, attachmentIds: string[] = []) =>
  authed<CaseDetail>(`/api/v1/cases/${id}/messages`, { method: 'POST', data: { body, attachmentIds } });
export const rateCase = (id: string, level: number, comment?: string) =>
  authed<CaseDetail>(`/api/v1/cases/${id}/rating`, { method: 'POST', data: { level, comment } });
export const recordMaterial = (id: string, m: { name: string; form: string; copies: number; note?: string }) =>
  authed<CaseDetail>(`/api/v1/cases/${id}/materials`, { method: 'POST', data: m });
export const returnMaterial = (id: string, materialId: string) =>
  authed<CaseDetail>(`/api/v1/cases/${id}/materials/${materialId}/return`, { method: 'POST' });

export type WorkbenchTab = 'pending' | 'mine' | 'awaiting' | 'done';
export const workbench = (tab: WorkbenchTab) =>
  authed<{ items: CaseSummary[]; counts: Record<WorkbenchTab, number> }>(`/api/v1/workbench?tab=${tab}`);

export const villageCadres = (villageCode: string) =>
  authed<{ items: { id: string; name: string | null }[] }>(`/api/v1/cadres?villageCode=${villageCode}`).then((r) => r.items);

export interface DutyDay {
  date: string;
  half: Half;
  cadres: { id: string; name: string | null; phone: string | null }[];
}
export const dutyRange = (villageCode: string, from: string, to: string) =>
  authed<{ items: DutyDay[] }>(`/api/v1/duty?villageCode=${villageCode}&from=${from}&to=${to}`).then((r) => r.items);
export const setDuty = (villageCode: string, date: string, half: Half, on: boolean) =>
  authed<unknown>(`/api/v1/duty/${villageCode}/${date}/${half}`, { method: on ? 'PUT' : 'DELETE', data: on ? {} : undefined });

// Photos of documents for an online case: uploaded one by one, then sent in a message.
export async function uploadPhoto(filePath: string): Promise<string> {
  const session = getSession();
  if (!session) throw new ApiError(401, 'UNAUTHENTICATED', '请先登录');
  let res: Taro.uploadFile.SuccessCallbackResult;
  try {
    res = await Taro.uploadFile({
      url: `${MULIN_API_BASE}/api/v1/attachments`,
      filePath,
      name: 'file',
      header: { Authorization: `Bearer ${session.accessToken}` },
      timeout: 30_000,
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '照片没有传上去，请换个信号好的地方再试');
  }
  const body = JSON.parse(res.data) as { id?: string; error?: { code: string; message: string } };
  if (res.statusCode >= 400 || !body.id) throw new ApiError(res.statusCode, body.error?.code ?? 'UPLOAD_FAILED', body.error?.message ?? '照片上传失败');
  return body.id;
}

export interface Notice {
  id: string;
  kind: string;
  title: string;
  body: string;
  caseId: string | null;
  read: boolean;
  createdAt: string;
}
export const myNotices = () => authed<{ items: Notice[]; unread: number }>('/api/v1/notifications?limit=50');
export const readAllNotices = () => authed<unknown>('/api/v1/notifications/read-all', { method: 'POST' });
