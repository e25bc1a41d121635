// Whether a Mulin server answers on the configured port: restoring under it would pull the
// database out from beneath its open connections.
export async function serverAnswers(host: string, port: number): Promise<boolean> {
  if (!port) return false;
  const target = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  try {
    const res = await fetch(`http://${target.includes(':') ? `[${target}]` : target}:${port}/api/v1/ready`, { signal: AbortSignal.timeout(1500) });
    const body = (await res.json().catch(() => null)) as { status?: unknown } | null;
    return typeof body?.status === 'string';
  } catch {
    return false;
  }
}
