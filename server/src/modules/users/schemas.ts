// What 我的 shows of the signed-in person (their own phone, unmasked).
import { Type } from '@sinclair/typebox';
import { Nullable } from '../../http/schemas';

const Place = Type.Object({ code: Type.String(), name: Type.String() });
export const MeSchema = Type.Object({
  id: Type.String(),
  name: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  role: Type.String(),
  village: Nullable(Type.Object({ code: Type.String(), name: Type.String(), township: Nullable(Place) })),
  scope: Nullable(Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() })),
  privacy: Type.Object({
    version: Nullable(Type.String()),
    agreedAt: Nullable(Type.String()),
    current: Type.Boolean(),
    currentVersion: Type.String(),
  }),
  profileComplete: Type.Boolean(),
});
