// Every API route module by its URL path (OpenAPI's `{param}` for `[param]`): what the OpenAPI
// document is built from. test/integration/openapi.test.ts fails when a route file under app/api is
// missing here or a handler has no contract (declare one with route({ summary, response, ... })).
import "server-only";
import * as audit from "../../app/api/audit/route";
import * as exceptions from "../../app/api/exceptions/route";
import * as exceptionsIdGrant from "../../app/api/exceptions/[id]/grant/route";
import * as exceptionsIdRefuse from "../../app/api/exceptions/[id]/refuse/route";
import * as exceptionsIdEnd from "../../app/api/exceptions/[id]/end/route";
import * as exceptionsIdWithdraw from "../../app/api/exceptions/[id]/withdraw/route";
import * as notifications from "../../app/api/notifications/route";
import * as notificationsRead from "../../app/api/notifications/read/route";
import * as notificationsPreferences from "../../app/api/notifications/preferences/route";
import * as webhooks from "../../app/api/webhooks/route";
import * as webhooksId from "../../app/api/webhooks/[id]/route";
import * as migrationsTiersPreview from "../../app/api/migrations/tiers/preview/route";
import * as migrationsTiersApply from "../../app/api/migrations/tiers/apply/route";
import * as exportOrg from "../../app/api/export/route";
import * as importOrg from "../../app/api/import/route";
import * as manifestsNameDraft from "../../app/api/manifests/[name]/draft/route";
import * as manifestsNameImpact from "../../app/api/manifests/[name]/impact/route";
import * as manifestsNamePublish from "../../app/api/manifests/[name]/publish/route";
import * as manifestsNameRollback from "../../app/api/manifests/[name]/rollback/route";
import * as manifestsName from "../../app/api/manifests/[name]/route";
import * as manifestsNameVersionsVersion from "../../app/api/manifests/[name]/versions/[version]/route";
import * as manifests from "../../app/api/manifests/route";
import * as health from "../../app/api/health/route";
import * as me from "../../app/api/me/route";
import * as openapiJson from "../../app/api/openapi.json/route";
import * as productsNameFloe from "../../app/api/products/[name]/floe/route";
import * as productsNameRemove from "../../app/api/products/[name]/remove/route";
import * as productsName from "../../app/api/products/[name]/route";
import * as products from "../../app/api/products/route";
import * as registryPush from "../../app/api/registry/push/route";
import * as registry from "../../app/api/registry/route";
import * as git from "../../app/api/git/route";
import * as gitSync from "../../app/api/git/sync/route";
import * as gitAdopt from "../../app/api/git/adopt/route";
import * as gitWebhook from "../../app/api/git/webhook/route";
import * as requestsIdApprove from "../../app/api/requests/[id]/approve/route";
import * as requestsIdReject from "../../app/api/requests/[id]/reject/route";
import * as requestsIdWithdraw from "../../app/api/requests/[id]/withdraw/route";
import * as requests from "../../app/api/requests/route";
import * as search from "../../app/api/search/route";
import * as tree from "../../app/api/tree/route";
import * as validate from "../../app/api/validate/route";
import * as changesIdApprove from "../../app/api/changes/[id]/approve/route";
import * as changesIdComments from "../../app/api/changes/[id]/comments/route";
import * as changesIdReject from "../../app/api/changes/[id]/reject/route";
import * as changesIdRequestChanges from "../../app/api/changes/[id]/request-changes/route";
import * as changesId from "../../app/api/changes/[id]/route";
import * as changesIdWithdraw from "../../app/api/changes/[id]/withdraw/route";
import * as changes from "../../app/api/changes/route";
import * as manifestsNameDraftDiscard from "../../app/api/manifests/[name]/draft/discard/route";
import * as reviewRules from "../../app/api/review-rules/route";
import * as whitelistRequestsIdAccept from "../../app/api/whitelist-requests/[id]/accept/route";
import * as whitelistRequestsIdDecline from "../../app/api/whitelist-requests/[id]/decline/route";
import * as whitelistRequests from "../../app/api/whitelist-requests/route";
import type { RouteHandler } from "./route";

export type RouteModule = Partial<Record<"GET" | "POST" | "PUT" | "PATCH" | "DELETE", RouteHandler>>;

export const API_ROUTES: Record<string, RouteModule> = {
  "/api/audit": audit,
  "/api/export": exportOrg,
  "/api/import": importOrg,
  "/api/manifests/{name}/draft": manifestsNameDraft,
  "/api/manifests/{name}/impact": manifestsNameImpact,
  "/api/manifests/{name}/publish": manifestsNamePublish,
  "/api/manifests/{name}/rollback": manifestsNameRollback,
  "/api/manifests/{name}": manifestsName,
  "/api/manifests/{name}/versions/{version}": manifestsNameVersionsVersion,
  "/api/manifests": manifests,
  "/api/health": health,
  "/api/me": me,
  "/api/openapi.json": openapiJson,
  "/api/products/{name}/floe": productsNameFloe,
  "/api/products/{name}/remove": productsNameRemove,
  "/api/products/{name}": productsName,
  "/api/products": products,
  "/api/registry/push": registryPush,
  "/api/registry": registry,
  "/api/git": git,
  "/api/git/sync": gitSync,
  "/api/git/adopt": gitAdopt,
  "/api/git/webhook": gitWebhook,
  "/api/requests/{id}/approve": requestsIdApprove,
  "/api/requests/{id}/reject": requestsIdReject,
  "/api/requests/{id}/withdraw": requestsIdWithdraw,
  "/api/requests": requests,
  "/api/search": search,
  "/api/tree": tree,
  "/api/validate": validate,
  "/api/changes/{id}/approve": changesIdApprove,
  "/api/changes/{id}/comments": changesIdComments,
  "/api/changes/{id}/reject": changesIdReject,
  "/api/changes/{id}/request-changes": changesIdRequestChanges,
  "/api/changes/{id}": changesId,
  "/api/changes/{id}/withdraw": changesIdWithdraw,
  "/api/changes": changes,
  "/api/manifests/{name}/draft/discard": manifestsNameDraftDiscard,
  "/api/review-rules": reviewRules,
  "/api/exceptions": exceptions,
  "/api/exceptions/{id}/grant": exceptionsIdGrant,
  "/api/exceptions/{id}/refuse": exceptionsIdRefuse,
  "/api/exceptions/{id}/end": exceptionsIdEnd,
  "/api/exceptions/{id}/withdraw": exceptionsIdWithdraw,
  "/api/notifications": notifications,
  "/api/notifications/read": notificationsRead,
  "/api/notifications/preferences": notificationsPreferences,
  "/api/webhooks": webhooks,
  "/api/webhooks/{id}": webhooksId,
  "/api/migrations/tiers/preview": migrationsTiersPreview,
  "/api/migrations/tiers/apply": migrationsTiersApply,
  "/api/whitelist-requests/{id}/accept": whitelistRequestsIdAccept,
  "/api/whitelist-requests/{id}/decline": whitelistRequestsIdDecline,
  "/api/whitelist-requests": whitelistRequests,
};
