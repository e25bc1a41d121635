// Long-lived refresh tokens: random, stored only as a hash, rotated on every use. Presenting
// a token that was already rotated means it leaked, so every session of that user ends.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/database';
import { newRowId } from '../../db/row-id';
import { AppError } from '../../http/app-error';

export const REFRESH_TOKEN_TTL_DAYS = 30;

const hash = (token: string) => createHash('sha256').update(token).digest('base64url');
const SIGN_IN_AGAIN = () => new AppError(401, 'REFRESH_INVALID', '登录已失效，请重新登录');

export function createRefreshTokens(db: Db) {
  return {
    async issue(userId: string): Promise<string> {
      const token = randomBytes(32).toString('base64url');
      const now = new Date();
      await db
        .insertInto('refresh_tokens')
        .values({
          id: newRowId(),
          user_id: userId,
          token_hash: hash(token),
          created_at: now.toISOString(),
          expires_at: new Date(now.getTime() + REFRESH_TOKEN_TTL_DAYS * 86_400_000).toISOString(),
          revoked_at: null,
        })
        .execute();
      return token;
    },

    // Returns the user id and revokes the token; the caller issues the next pair.
    async consume(token: string): Promise<string> {
      const row = await db.selectFrom('refresh_tokens').selectAll().where('token_hash', '=', hash(token)).executeTakeFirst();
      if (!row) throw SIGN_IN_AGAIN();
      const now = new Date().toISOString();
      if (row.revoked_at) {
        await this.revokeAll(row.user_id);
        throw SIGN_IN_AGAIN();
      }
      if (row.expires_at <= now) throw SIGN_IN_AGAIN();
      // Conditional, so two concurrent refreshes with one token cannot both succeed.
      const res = await db
        .updateTable('refresh_tokens')
        .set({ revoked_at: now })
        .where('id', '=', row.id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw SIGN_IN_AGAIN();
      return row.user_id;
    },

    async revoke(token: string): Promise<void> {
      await db
        .updateTable('refresh_tokens')
        .set({ revoked_at: new Date().toISOString() })
        .where('token_hash', '=', hash(token))
        .where('revoked_at', 'is', null)
        .execute();
    },

    async revokeAll(userId: string): Promise<void> {
      await db
        .updateTable('refresh_tokens')
        .set({ revoked_at: new Date().toISOString() })
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .execute();
    },
  };
}

export type RefreshTokens = ReturnType<typeof createRefreshTokens>;
