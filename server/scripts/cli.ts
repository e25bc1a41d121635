// Shared ending for the operations scripts: exit codes, and errors as the operator should see them.
import { OpsError } from '../src/ops/errors';

export class UsageError extends Error {}

export function runCli(main: () => Promise<number>, usage: string): void {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      const usageError = err instanceof UsageError || Boolean((err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'));
      if (usageError) console.error(usage);
      else if (err instanceof OpsError) console.error(err.message);
      else console.error(err instanceof Error ? err.stack : err);
      process.exit(usageError ? 2 : 1);
    },
  );
}
