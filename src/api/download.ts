import { ApiError } from './client';
import { authed, getSession } from './session';

// H5 console only: a file through fetch (the token goes in a header, never the URL) and a
// temporary link, so the officer's browser saves it for Excel.
export async function downloadFile(path: string, fileName: string): Promise<void> {
  // A cheap authed call first refreshes an expired access token the usual way.
  await authed('/api/v1/me');
  const res = await fetch(`${MULIN_API_BASE}${path}`, { headers: { Authorization: `Bearer ${getSession()?.accessToken ?? ''}` } });
  if (!res.ok) throw new ApiError(res.status, 'EXPORT_FAILED', '导出失败，请稍后再试');
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await res.blob());
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
