// What the exception, notification and webhook routes answer, as strict zod schemas beside
// lib/contract/responses.ts: the route wrapper checks each answer against them, /api/openapi.json
// is generated from them, components/notify/api.ts infers its types from them.
import { z } from "zod";
import { POLICY_TYPES } from "../manifest/schema/governance";
import { NOTIFICATION_KIND_NAMES } from "../notify/kinds";
import { EXCEPTION_STATES, EXCEPTION_STATUSES } from "../statuses";
import { Timestamp } from "./shapes";

const Day = z.iso.date().meta({ description: "YYYY-MM-DD" });
const PolicyType = z.enum(POLICY_TYPES);

export const ExceptionItem = z.strictObject({
  id: z.string(),
  domain: z.string(),
  policyType: PolicyType,
  reason: z.string(),
  expires: Day.meta({ description: "the last day it applies (inclusive)" }),
  status: z.enum(EXCEPTION_STATUSES),
  state: z.enum(EXCEPTION_STATES).meta({ description: "what it means today: a granted one is expiring within the warning window, then expired" }),
  requestedBy: z.string().meta({ description: "e-mail address" }),
  requestedById: z.string().meta({ description: "the requester's user id (only they may withdraw it)" }),
  decidedBy: z.string().nullable(),
  decidedAt: Timestamp.nullable(),
  decisionReason: z.string().nullable(),
  grantedVersion: z.string().nullable().meta({ description: "the enterprise version that carries it" }),
  createdAt: Timestamp,
});
export const ExceptionList = z.strictObject({
  today: Day.meta({ description: "the day the server evaluates exceptions on" }),
  exceptable: z.array(PolicyType),
  items: z.array(ExceptionItem),
});
export const ExceptionGranted = z.strictObject({ status: z.literal("granted"), version: z.string(), ref: z.string() });
export const ExceptionEnded = z.strictObject({ status: z.literal("expired"), version: z.string() });
export const ExceptionRefused = z.strictObject({ status: z.literal("refused") });
export const ExceptionWithdrawn = z.strictObject({ status: z.literal("withdrawn") });

const Kind = z.enum(NOTIFICATION_KIND_NAMES);
export const Inbox = z.strictObject({
  unread: z.int(),
  expiring: z.array(z.strictObject({ id: z.string(), domain: z.string(), policyType: PolicyType, expires: Day, title: z.string(), link: z.string() })),
  badge: z.int().meta({ description: "unread notifications plus exceptions about to expire" }),
  expiringWithinDays: z.int(),
  items: z.array(z.strictObject({ id: z.string(), kind: Kind, title: z.string(), body: z.string(), link: z.string().nullable(), createdAt: Timestamp, read: z.boolean() })),
});
export const MarkedRead = z.strictObject({ marked: z.int() });
export const Preferences = z.strictObject({ preferences: z.array(z.strictObject({ kind: Kind, label: z.string(), inApp: z.boolean(), email: z.boolean() })) });

export const Webhooks = z.strictObject({
  endpoints: z.array(z.strictObject({ id: z.string(), url: z.string(), enabled: z.boolean(), createdAt: Timestamp })).meta({
    description: "the signing secret is not listed: the answer that added the endpoint carried it, once",
  }),
  deliveries: z.array(
    z.strictObject({
      id: z.string(),
      endpointId: z.string(),
      attempt: z.int(),
      status: z.int().nullable().meta({ description: "the endpoint's HTTP status; null when the request failed" }),
      error: z.string().nullable(),
      at: Timestamp,
      title: z.string(),
      outcome: z.enum(["pending", "sent", "failed"]),
      nextAttemptAt: Timestamp.nullable().meta({ description: "pending: when the next attempt is due" }),
    }),
  ),
});
export const WebhookAdded = z.strictObject({ id: z.string(), url: z.string(), secret: z.string().meta({ description: "the HMAC signing secret, shown this once" }) });
export const WebhookRemoved = z.strictObject({ removed: z.string() });
