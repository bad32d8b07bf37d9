// The organisation and measurement data as the DynamoDB FlowStore reads them for the workflow: units, employees,
// the org settings, attendance, survey responses and indicator data (all owned by the storage areas).
import type { FlowEmployee, FlowStore, Page } from "./flow-store";
import type { FlowStoreContext } from "./flow-store.dynamo-shared";

const toEmployee = (e: {
  nip: string;
  name: string;
  email: string;
  unitId: string;
  position: string;
  positionType: string;
  superiorNip?: string;
  unitHead: boolean;
  employmentType?: FlowEmployee["employmentType"];
  jenjang?: FlowEmployee["jenjang"];
}): FlowEmployee => ({
  nip: e.nip,
  name: e.name,
  email: e.email,
  unitId: e.unitId,
  position: e.position,
  positionType: e.positionType,
  ...(e.superiorNip ? { superiorNip: e.superiorNip } : {}),
  unitHead: e.unitHead,
  ...(e.employmentType ? { employmentType: e.employmentType } : {}),
  ...(e.jenjang ? { jenjang: e.jenjang } : {}),
});

/** The organisation and measurement-data part of the FlowStore. */
export function dynamoOrg(
  ctx: FlowStoreContext,
): Pick<
  FlowStore,
  | "unitsWithDescendants"
  | "listEmployeesOfUnits"
  | "getEmployee"
  | "orgSettings"
  | "attendance"
  | "surveyResponses"
  | "indicatorData"
> {
  const { storage } = ctx;
  const unitsCache = new Map<string, { at: number; units: string[] }>();
  return {
    async unitsWithDescendants(unitIds) {
      const key = JSON.stringify(unitIds ?? null);
      const cached = unitsCache.get(key);
      // A launch reads the unit list once per page; a short cache keeps pages consistent and cheap.
      if (cached && Date.now() - cached.at < 60_000) return cached.units;
      const all =
        unitIds && unitIds.length > 0
          ? [...new Set((await Promise.all(unitIds.map((u) => storage.org.unitWithDescendants(u)))).flat())]
          : (await storage.org.listUnits()).map((u) => u.unitId);
      unitsCache.set(key, { at: Date.now(), units: all });
      return all;
    },

    async listEmployeesOfUnits(unitIds, cursor, limit): Promise<Page<FlowEmployee>> {
      // Units are small (tens to a few thousand people); page within the sorted list of the unit's employees.
      const all = (await Promise.all(unitIds.map((u) => storage.org.listEmployeesByUnit(u))))
        .flat()
        .sort((a, b) => a.nip.localeCompare(b.nip));
      const start = cursor ? all.findIndex((e) => e.nip > cursor) : 0;
      const from = start < 0 ? all.length : start;
      const items = all.slice(from, from + limit);
      const last = items.at(-1);
      return {
        items: items.map(toEmployee),
        nextCursor: from + limit < all.length && last ? last.nip : null,
      };
    },

    async getEmployee(nip) {
      const e = await storage.org.getEmployee(nip);
      return e ? toEmployee(e) : undefined;
    },

    orgSettings: () => storage.orgSettings.get(),

    async attendance(nip, fromMonth, toMonth) {
      const rows = await storage.imports.attendanceOf(nip, { from: fromMonth, to: toMonth });
      return rows.map((r) => ({
        month: r.month,
        workDays: r.workDays,
        present: r.present,
        lateMinutes: r.lateMinutes,
        absentWithoutLeave: r.absentWithoutLeave,
      }));
    },

    async surveyResponses(unitId, from, to) {
      const rows = await storage.imports.surveyResponsesOf(unitId, { from, to });
      return rows.map((r) => ({ scores: r.scores as (1 | 2 | 3 | 4 | null)[] }));
    },

    async indicatorData(nip, cycleId) {
      const rows = await storage.imports.indicatorDataOf(nip, { cycleId });
      return rows.map((r) => ({ indicatorId: r.indicatorId, value: r.value, period: r.period }));
    },
  };
}
