// A refusal or failure an operator reads at a terminal: plain Chinese first, then English.
export class OpsError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh}\n${en}`);
    this.name = 'OpsError';
  }
}
