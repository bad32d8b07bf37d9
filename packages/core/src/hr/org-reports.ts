// HR's reads of the organisation: a unit's IKM from the survey responses, the units, and the employees (one page of
// the whole organisation, or one unit's people with or without its sub-units).
import { computeIkm, type IkmResult } from "../ikm/ikm";
import { IkmNoDataError } from "../ikm/ikm.errors";
import { UnitNotFoundError } from "../org/org.errors";
import type { HrDeps } from "./hr-deps";
import { HrConflictError, HrNotFoundError } from "./hr.errors";

/** `GET /api/units/{unitId}/ikm`: the unit's IKM over the survey responses submitted in [from, to]. */
export async function unitIkm(
  deps: HrDeps,
  unitId: string,
  query: { from?: string; to?: string; weighting?: "exact" | "regulation-0.11" },
): Promise<
  { unitId: string; from: string | null; to: string | null } & Omit<IkmResult, "ikm"> & { ikm: number }
> {
  if (!(await deps.storage.org.getUnit(unitId))) throw new HrNotFoundError("hrUnitNotFound", { unitId });
  const responses = await deps.storage.imports.surveyResponsesOf(unitId, { from: query.from, to: query.to });
  if (responses.length === 0) throw new HrNotFoundError("hrNoSurvey", { unitId });
  try {
    const result = computeIkm(
      responses.map((r) => ({ scores: r.scores as (1 | 2 | 3 | 4 | null)[] })),
      { weighting: query.weighting ?? "exact" },
    );
    return { unitId, from: query.from ?? null, to: query.to ?? null, ...result };
  } catch (err) {
    if (err instanceof IkmNoDataError)
      throw new HrConflictError(
        err.elements.length === 9 ? "hrIkmNoRespondents" : "hrIkmMissingElements",
        { unitId, elements: err.elements.map((e) => `u${e}`).join(", ") },
        { cause: err },
      );
    throw err;
  }
}

/** `GET /api/units`: every unit with its parent and head. */
export async function listUnits(deps: HrDeps) {
  const units = await deps.storage.org.listUnits();
  return units.sort((a, b) => a.unitId.localeCompare(b.unitId));
}

/** `GET /api/employees?limit=&after=`: one page of the whole organisation in NIP order (merged across shards). */
export async function listEmployeePage(deps: HrDeps, query: { limit: number; after?: string }) {
  return deps.storage.org.listEmployeesPage(query.after ?? null, query.limit);
}

/** `GET /api/employees?unit=`: everyone, or one unit's people (optionally with its sub-units). */
export async function listEmployees(deps: HrDeps, query: { unit?: string; subUnits?: boolean }) {
  if (!query.unit) return deps.storage.org.listEmployees();
  if (!(await deps.storage.org.getUnit(query.unit)))
    throw new HrNotFoundError("hrUnitNotFound", { unitId: query.unit });
  try {
    return await deps.storage.org.listEmployeesByUnit(query.unit, {
      includeSubUnits: query.subUnits ?? false,
    });
  } catch (err) {
    if (err instanceof UnitNotFoundError)
      throw new HrNotFoundError("hrUnitNotFound", { unitId: err.unitId }, { cause: err });
    throw err;
  }
}
