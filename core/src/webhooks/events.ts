/** The events a webhook can subscribe to: the core's entity events ("<plugin>.<entity>.<event>"). */
export const WEBHOOK_EVENTS = ['created', 'updated', 'submitted', 'cancelled', 'deleted', 'action'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
