import { randomUUID } from "node:crypto";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Clock } from "../clock/clock";
import { batchWrite, type WriteRequest } from "../storage/batch";
import { isConditionFailure } from "../storage/storage.errors";
import type { employeeEntity } from "./employee.entity";
import { descendantUnits, employmentTypeOfNip } from "./org";
import { ConcurrentOrgImportError, UnitNotFoundError } from "./org.errors";
import type { Employee, Unit } from "./org.schema";
import type { orgStateEntity } from "./org-state.entity";
import type { unitEntity } from "./unit.entity";

/** Entities the org repo works on. */
export interface OrgEntities {
  orgState: ReturnType<typeof orgStateEntity>;
  unit: ReturnType<typeof unitEntity>;
  employee: ReturnType<typeof employeeEntity>;
}

/** The visible organisation generation, or undefined before the first import. */
export interface OrgState {
  generation: string;
  /** Kept readable until the next import, for readers that resolved the pointer just before a flip. */
  previousGeneration?: string;
  importId: string;
  unitCount: number;
  employeeCount: number;
  updatedAt: string;
}

function toUnit(item: { unitId: string; name: string; parentUnitId?: string; headNip?: string }): Unit {
  const unit: Unit = { unitId: item.unitId, name: item.name };
  if (item.parentUnitId) unit.parentUnitId = item.parentUnitId;
  if (item.headNip) unit.headNip = item.headNip;
  return unit;
}

function toEmployee(item: Employee & { generation?: string; updatedAt?: string }): Employee {
  const { generation: _generation, updatedAt: _updatedAt, ...employee } = item;
  // Organisations imported before the employment type existed: the number says it (a stored NIP is valid).
  return {
    ...employee,
    employmentType: employee.employmentType ?? employmentTypeOfNip(employee.nip) ?? "pns",
  };
}

/**
 * Named access patterns over units and employees. Every read resolves the current generation
 * first (one strongly consistent GetItem) so readers only ever see a fully written import.
 */
export function createOrgRepo(deps: {
  entities: OrgEntities;
  client: DynamoDBDocumentClient;
  tableName: string;
  clock: Clock;
}) {
  const { orgState, unit, employee } = deps.entities;

  async function currentState(): Promise<OrgState | undefined> {
    const result = await orgState.get({}).go({ consistent: true });
    return result.data ?? undefined;
  }

  async function generation(): Promise<string | undefined> {
    return (await currentState())?.generation;
  }

  async function listUnits(): Promise<Unit[]> {
    const gen = await generation();
    if (!gen) return [];
    const result = await unit.query.allUnits({ generation: gen }).go({ pages: "all" });
    return result.data.map(toUnit);
  }

  async function listEmployees(): Promise<Employee[]> {
    const gen = await generation();
    if (!gen) return [];
    const result = await employee.query.allEmployees({ generation: gen }).go({ pages: "all" });
    return result.data.map(toEmployee);
  }

  async function deleteGeneration(gen: string): Promise<void> {
    const [units, employees] = await Promise.all([
      unit.query.allUnits({ generation: gen }).go({ pages: "all", attributes: ["generation", "unitId"] }),
      employee.query
        .allEmployees({ generation: gen })
        .go({ pages: "all", attributes: ["generation", "nip"] }),
    ]);
    const requests: WriteRequest[] = [
      ...units.data.map((u) => ({ DeleteRequest: { Key: unit.delete(u).params().Key } })),
      ...employees.data.map((e) => ({ DeleteRequest: { Key: employee.delete(e).params().Key } })),
    ];
    await batchWrite(deps.client, deps.tableName, requests);
  }

  return {
    /** The visible generation (undefined before the first import). */
    currentState,

    /** Every unit of the organisation. */
    listUnits,

    /** One unit, or undefined. */
    async getUnit(unitId: string): Promise<Unit | undefined> {
      const gen = await generation();
      if (!gen) return undefined;
      const result = await unit.get({ generation: gen, unitId }).go();
      return result.data ? toUnit(result.data) : undefined;
    },

    /** The unit and all its sub-units, in tree order; throws UnitNotFoundError for an unknown unit. */
    async unitWithDescendants(unitId: string): Promise<string[]> {
      const units = await listUnits();
      if (!units.some((u) => u.unitId === unitId)) throw new UnitNotFoundError(unitId);
      return descendantUnits(units, unitId);
    },

    /** Every employee of the organisation. */
    listEmployees,

    /** One employee by NIP, or undefined. */
    async getEmployee(nip: string): Promise<Employee | undefined> {
      const gen = await generation();
      if (!gen) return undefined;
      const result = await employee.get({ generation: gen, nip }).go();
      return result.data ? toEmployee(result.data) : undefined;
    },

    /** Employees of one unit (optionally with its sub-units), ordered by NIP within each unit. */
    async listEmployeesByUnit(
      unitId: string,
      options: { includeSubUnits?: boolean } = {},
    ): Promise<Employee[]> {
      const gen = await generation();
      if (!gen) return [];
      const unitIds = options.includeSubUnits ? descendantUnits(await listUnits(), unitId) : [unitId];
      const pages = await Promise.all(
        unitIds.map((id) => employee.query.byUnit({ generation: gen, unitId: id }).go({ pages: "all" })),
      );
      return pages.flatMap((page) => page.data.map(toEmployee));
    },

    /** Direct subordinates of one employee. */
    async listSubordinates(superiorNip: string): Promise<Employee[]> {
      const gen = await generation();
      if (!gen) return [];
      const result = await employee.query
        .bySuperior({ superiorKey: `${gen}#${superiorNip}` })
        .go({ pages: "all" });
      return result.data.map(toEmployee);
    },

    /**
     * Makes `units` and `employees` the whole organisation: writes them as a new generation, then
     * flips the org pointer with a condition on the generation the caller based its merge on
     * (ConcurrentOrgImportError if another import won). On failure the staged generation is removed.
     * After success the generation before the previous one is deleted: the previous one stays, so a
     * reader that resolved the pointer just before the flip still reads a complete organisation.
     */
    async replaceOrganisation(input: {
      units: Unit[];
      employees: Employee[];
      importId: string;
      basedOnGeneration: string | undefined;
    }): Promise<OrgState> {
      const now = deps.clock.now().toISOString();
      const gen = `${now.replace(/[-:.]/g, "")}-${randomUUID().slice(0, 8)}`;
      const requests: WriteRequest[] = [
        ...input.units.map((u) => ({
          PutRequest: { Item: unit.put({ ...u, generation: gen, updatedAt: now }).params().Item },
        })),
        ...input.employees.map((e) => ({
          PutRequest: {
            Item: employee
              .put({
                ...e,
                generation: gen,
                updatedAt: now,
                superiorKey: e.superiorNip ? `${gen}#${e.superiorNip}` : undefined,
              })
              .params().Item,
          },
        })),
      ];
      const before = input.basedOnGeneration ? await currentState() : undefined;
      const state: OrgState = {
        generation: gen,
        previousGeneration: input.basedOnGeneration,
        importId: input.importId,
        unitCount: input.units.length,
        employeeCount: input.employees.length,
        updatedAt: now,
      };
      try {
        await batchWrite(deps.client, deps.tableName, requests);
        const flip = orgState.put(state);
        const guarded = input.basedOnGeneration
          ? flip.where((attr, { eq }) => eq(attr.generation, input.basedOnGeneration!))
          : flip.where((attr, { notExists }) => notExists(attr.generation));
        await guarded.go();
      } catch (error) {
        await deleteGeneration(gen).catch(() => undefined); // invisible garbage at worst; never visible data
        if (isConditionFailure(error)) {
          throw new ConcurrentOrgImportError({ cause: error });
        }
        throw error;
      }
      // The pointer was at basedOnGeneration, so `before` read its predecessor correctly (or the flip failed).
      const retired = before?.generation === input.basedOnGeneration ? before?.previousGeneration : undefined;
      if (retired) await deleteGeneration(retired).catch(() => undefined);
      return state;
    },
  };
}

/** The org repo's API. */
export type OrgRepo = ReturnType<typeof createOrgRepo>;
