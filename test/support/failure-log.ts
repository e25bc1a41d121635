// A short log of what a phone or the server did, printed only when a test of the suite failed.
declare global {
  // eslint-disable-next-line no-var
  var __mulinTestFailed: boolean | undefined;
}

const KEEP = 60;

export function failureLog(title: string) {
  const lines: string[] = [];
  return {
    note(line: string): void {
      lines.push(`${new Date().toISOString().slice(11, 23)} ${line.slice(0, 400)}`);
      if (lines.length > KEEP) lines.shift();
    },
    recent(count: number): string[] {
      return lines.slice(-count);
    },
    // Prints the log when a test failed; `extra` adds what is only known at the end.
    async printIfFailed(extra?: () => Promise<string[]>): Promise<void> {
      if (!globalThis.__mulinTestFailed) return;
      const more = extra ? await extra().catch((err: unknown) => [`(could not read: ${String(err)})`]) : [];
      console.log(`${title}:\n${[...lines, ...more].join('\n') || '(nothing logged)'}`);
    },
  };
}
