// "Terapkan" pressed twice (issue 17): the preview hands its confirmation form a request id chosen once, and applying
// claims that id first, so the second press of the same form finds the first one's claim instead of importing again.
// A failed apply releases its claim (nothing was written, so the same form may be sent again).
import { randomBytes } from "node:crypto";
import type { CsvTemplateKind } from "../imports/templates";
import { entitiesOf } from "../storage/entities";
import { whenConditionHolds } from "../storage/storage.errors";
import type { HrDeps } from "./hr-deps";

/** A request id the preview form carries (base64url, as newImportRequestId makes). */
export const IMPORT_REQUEST_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** A fresh request id for one preview's confirmation form. */
export const newImportRequestId = () => randomBytes(16).toString("base64url");

/** How long a claim is remembered: a form left open for a day and sent then is a new upload anyway. */
const IMPORT_REQUEST_TTL_S = 7 * 86_400;

const requestsOf = (storage: HrDeps["storage"]) => entitiesOf(storage).importRequest;

/** An earlier press of the same confirmation: still running, or applied with its result at `resultPath`. */
export type EarlierImportRequest = { status: "applying" } | { status: "applied"; resultPath: string };

/**
 * Claims the confirmation `requestId` for applying; null when claimed now (go on and import), else what the earlier
 * press of it did. Conditional create: of two presses at once exactly one is null.
 */
export async function claimImportRequest(
  deps: Pick<HrDeps, "storage" | "clock">,
  requestId: string,
  kind: CsvTemplateKind,
): Promise<EarlierImportRequest | null> {
  const requests = requestsOf(deps.storage);
  const now = deps.clock.now();
  const claimed = await whenConditionHolds(() =>
    requests
      .create({
        requestId,
        kind,
        status: "applying",
        createdAt: now.toISOString(),
        ttl: Math.ceil(now.getTime() / 1000) + IMPORT_REQUEST_TTL_S,
      })
      .go(),
  );
  if (claimed) return null;
  const earlier = (await requests.get({ requestId }).go({ consistent: true })).data;
  return earlier?.status === "applied" && earlier.resultPath
    ? { status: "applied", resultPath: earlier.resultPath }
    : { status: "applying" };
}

/** Records where the import of `requestId` shows its result (what a later press of the same form is sent to). */
export async function completeImportRequest(
  deps: Pick<HrDeps, "storage">,
  requestId: string,
  resultPath: string,
): Promise<void> {
  await requestsOf(deps.storage).patch({ requestId }).set({ status: "applied", resultPath }).go();
}

/** Drops the claim of an apply that wrote nothing (refused rows, storage down), so the same form may be sent again. */
export async function releaseImportRequest(deps: Pick<HrDeps, "storage">, requestId: string): Promise<void> {
  await requestsOf(deps.storage).delete({ requestId }).go();
}
