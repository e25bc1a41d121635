// Schema pieces every module's API uses.
import { Type, type TSchema } from '@sinclair/typebox';

// A plain `enum` rather than a union of literals: one clear validation error and a tidy OpenAPI.
export function StringEnum<T extends readonly string[]>(values: T, options: { description?: string } = {}) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const ErrorSchema = Type.Object({
  error: Type.Object({
    code: Type.String({ description: 'Stable English code for programs' }),
    message: Type.String({ description: 'One plain Chinese sentence for the user' }),
    field: Type.Optional(Type.String({ description: 'The request field that failed validation' })),
  }),
});
