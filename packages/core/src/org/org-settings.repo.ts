import type { Clock } from "../clock/clock";
import { isConditionFailure, StaleVersionError } from "../storage/storage.errors";
import type { orgSettingsEntity } from "./org-settings.entity";
import type { Official, OrgSettings, OrgSettingsInput } from "./org-settings";

/** Reads and replaces the organisation's settings (one item). */
export function createOrgSettingsRepo(deps: { entity: ReturnType<typeof orgSettingsEntity>; clock: Clock }) {
  const { entity } = deps;
  return {
    /** The settings, or undefined before HR set any. */
    async get(): Promise<OrgSettings | undefined> {
      const item = (await entity.get({}).go({ consistent: true })).data;
      if (!item) return undefined;
      return {
        pejabatPembinaKepegawaian: item.pejabatPembinaKepegawaian as Official,
        ...(item.topOfficialAppraiser ? { topOfficialAppraiser: item.topOfficialAppraiser as Official } : {}),
        updatedAt: item.updatedAt,
        updatedBy: item.updatedBy,
        version: item.version,
      };
    },

    /** Replaces the settings if they are still at `expectedVersion` (0: none yet); StaleVersionError otherwise. */
    async replace(input: OrgSettingsInput, by: string, expectedVersion: number): Promise<OrgSettings> {
      const saved: OrgSettings = {
        pejabatPembinaKepegawaian: input.pejabatPembinaKepegawaian,
        ...(input.topOfficialAppraiser ? { topOfficialAppraiser: input.topOfficialAppraiser } : {}),
        updatedAt: deps.clock.now().toISOString(),
        updatedBy: by,
        version: expectedVersion + 1,
      };
      try {
        await entity
          .put(saved)
          .where((attr, { eq, notExists }) =>
            expectedVersion === 0 ? notExists(attr.version) : eq(attr.version, expectedVersion),
          )
          .go();
      } catch (error) {
        if (isConditionFailure(error))
          throw new StaleVersionError(`organisation settings changed since version ${expectedVersion}`, {
            cause: error,
          });
        throw error;
      }
      return saved;
    },
  };
}

/** The org settings repo's API. */
export type OrgSettingsRepo = ReturnType<typeof createOrgSettingsRepo>;
