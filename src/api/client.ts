import Taro from '@tarojs/taro';

export const REQUEST_TIMEOUT_MS = 10_000;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    // The rest of the server's `error` object (e.g. ITEM_INVALID's `problems`).
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export interface ApiResponse<T> {
  status: number;
  data: T;
  etag?: string;
}

function header(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key ? headers[key] : undefined;
}

// One place that talks HTTP: base URL, timeout, and the server's { error: { code, message } }.
export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  data?: unknown;
  headers?: Record<string, string>;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  let res: Taro.request.SuccessCallbackResult<TaroGeneral.IAnyObject | string | ArrayBuffer>;
  try {
    res = await Taro.request({
      url: `${MULIN_API_BASE}${path}`,
      method: options.method ?? 'GET',
      data: options.data as Record<string, unknown> | undefined,
      header: { Accept: 'application/json', ...options.headers },
      timeout: REQUEST_TIMEOUT_MS,
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络不太好，请稍后再试');
  }
  const etag = header(res.header as Record<string, string>, 'etag');
  if (res.statusCode >= 400) {
    const body = res.data as { error?: { code?: string; message?: string } & Record<string, unknown> } | undefined;
    throw new ApiError(res.statusCode, body?.error?.code ?? 'HTTP_ERROR', body?.error?.message ?? '出了点问题，请稍后再试', body?.error);
  }
  return { status: res.statusCode, data: res.data as T, etag };
}
