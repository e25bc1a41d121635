// An uploaded photo as the API answers it; a case message or request then names it by id.
import { Type } from '@sinclair/typebox';

export const AttachmentSchema = Type.Object({
  id: Type.String(),
  mime: Type.String({ enum: ['image/jpeg', 'image/png', 'image/webp'] }),
  size: Type.Integer({ description: 'Bytes' }),
});

export const AttachmentParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
