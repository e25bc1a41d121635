// Public lists still know who is asking when a token comes with the request: their own held
// texts and their village first. A bad token on a public route just means "not signed in".
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/database';
import type { UserRow } from '../users/repository';

export async function optionalViewer(request: FastifyRequest, db: Db): Promise<UserRow | null> {
  if (request.currentUser) return request.currentUser;
  if (!request.headers.authorization) return null;
  try {
    const sub = await request.server.verifySubject(request);
    const user = await db.selectFrom('users').selectAll().where('id', '=', sub).executeTakeFirst();
    return user && !user.deleted_at ? user : null;
  } catch {
    return null;
  }
}
