// What a user can switch on or off, per channel (Notification.kind and NotificationPreference.kind),
// with the label the preferences page shows: the server writes these kinds, the contract lists them.
export const NOTIFICATION_KINDS = {
  requests: "Requests and reviews waiting for me",
  decisions: "Decisions on my requests",
  breakage: "My domain or products broken by someone else's publish",
  expiring: "Exceptions about to expire",
} as const;
export type NotificationKind = keyof typeof NOTIFICATION_KINDS;
export const NOTIFICATION_KIND_NAMES = Object.keys(NOTIFICATION_KINDS) as [NotificationKind, ...NotificationKind[]];
