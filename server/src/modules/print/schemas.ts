// Request schemas of the print pages (the answers are HTML, described in the summaries).
import { Type, type Static } from '@sinclair/typebox';

export const ItemParamsSchema = Type.Object({ code: Type.String({ minLength: 1, maxLength: 32, examples: ['shjz-01'] }) });

// The format is checked by the regions service, so a bad code gets a region-specific message.
export const RoomParamsSchema = Type.Object({ villageCode: Type.String({ minLength: 1, maxLength: 20, examples: ['511621102201'] }) });

export const PosterQuerySchema = Type.Object({
  week: Type.Optional(
    Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Any day of the week whose duty rota to print; default this week (next week from Saturday on)' }),
  ),
});
export type PosterQuery = Static<typeof PosterQuerySchema>;
