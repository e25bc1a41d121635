// What the browser tests do besides the browser: the API of the site under test, a demo sign-in
// through it, and a fresh sign-in on a phone (the demo identities on 我的).
import type { Page } from 'playwright-core';

export async function callApi<T>(base: string, method: string, url: string, token?: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}/api/v1${url}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as T };
}

export async function devLogin(base: string, name: string, role: string, villageCode: string): Promise<string> {
  return (await callApi<{ accessToken: string }>(base, 'POST', '/auth/dev', undefined, { name, role, villageCode })).body.accessToken;
}

// Whoever was signed in on this phone is forgotten first.
export async function signInAgain(page: Page, base: string, name: string): Promise<void> {
  await page.goto(`${base}/#/pages/me/index`);
  await page.evaluate('localStorage.clear()');
  await page.reload();
  await page.locator('.me__login').click();
  await page.locator('.login__identity', { hasText: name }).click();
  await page.locator('.me__name', { hasText: name }).waitFor();
}
