// The one error type services throw: an HTTP status, a stable English code for programs and a
// plain Chinese sentence for the villager (DESIGN.md §6).
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
