/**
 * The crm plugin's public read models (see ViewDefinition in @tessera/core): other plugins
 * read these views, or the functions of api.ts, never the tables behind them. Every column of
 * the table is there, with the fields other plugins add to the entity.
 */
import type { ViewDefinition } from '@tessera/core';

export const views: Record<string, ViewDefinition> = {
  organization: { entity: 'organization', description: 'Organizations.' },
  contact: { entity: 'contact', description: 'Contacts (organization is the one they work for).' },
  opportunity: { entity: 'opportunity', description: 'Opportunities.' },
  stage: { entity: 'stage', description: 'Pipeline stages.' },
};
