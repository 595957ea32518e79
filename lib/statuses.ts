// The one list of product and registration-request statuses: database values, query filters,
// response schemas and the UI's filters all read these.

/** A product's lifecycle: filed (pending), decided (approved/rejected), withdrawn by its team, removed by its domain. */
export const PRODUCT_STATUSES = ["pending", "approved", "rejected", "withdrawn", "removed"] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/** A registration request: pending until decided or withdrawn. */
export const REQUEST_STATUSES = ["pending", "approved", "rejected", "withdrawn"] as const;

/** A product in one of these may be requested again (a new request re-opens it). */
export const REQUESTABLE_AGAIN: readonly ProductStatus[] = ["rejected", "withdrawn", "removed"];
