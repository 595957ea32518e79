// The one list of product and registration-request statuses: database values, query filters,
// response schemas and the UI's filters all read these.

/** A product's lifecycle: filed (pending), decided (approved/rejected), withdrawn by its team, removed by its domain. */
export const PRODUCT_STATUSES = ["pending", "approved", "rejected", "withdrawn", "removed"] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/** A registration request: pending until decided or withdrawn. */
export const REQUEST_STATUSES = ["pending", "approved", "rejected", "withdrawn"] as const;

/** A product in one of these may be requested again (a new request re-opens it). */
export const REQUESTABLE_AGAIN: readonly ProductStatus[] = ["rejected", "withdrawn", "removed"];

/** A request to widen the enterprise plugin whitelist: pending until a platform admin decides. */
export const WHITELIST_REQUEST_STATUSES = ["pending", "accepted", "declined"] as const;

/** A time-boxed exception as stored: requested, then decided (granted, refused) or withdrawn by its requester. */
export const EXCEPTION_STATUSES = ["requested", "granted", "refused", "withdrawn"] as const;
/** What an exception means on a given day: a granted one is `expiring` within the warning window, then `expired`. */
export const EXCEPTION_STATES = ["requested", "granted", "expiring", "expired", "refused", "withdrawn"] as const;
export type ExceptionState = (typeof EXCEPTION_STATES)[number];
