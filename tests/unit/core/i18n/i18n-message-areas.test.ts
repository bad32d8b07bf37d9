// The dictionary is assembled from one file per area (packages/core/src/i18n/messages/<area>.ts): every key is
// defined in exactly one area, in both languages, and every area is part of the dictionary (a key defined twice
// would silently win or lose in the assembly; an area not spread into it would be missing from every page).
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MESSAGES } from "../../../../packages/core/src/i18n/messages";

const DIR = join(__dirname, "../../../../packages/core/src/i18n/messages");
type Area = { id: Record<string, string>; en: Record<string, string> };

async function areas(): Promise<Map<string, Area>> {
  const found = new Map<string, Area>();
  for (const file of readdirSync(DIR).filter((f) => f.endsWith(".ts") && f !== "area.ts")) {
    const exports = Object.values((await import(join(DIR, file))) as Record<string, unknown>);
    expect(exports, file).toHaveLength(1);
    found.set(file, exports[0] as Area);
  }
  return found;
}

describe("the dictionary's areas", () => {
  it("define every key once, in Indonesian and in English, and together make the whole dictionary", async () => {
    const where = new Map<string, string>();
    for (const [file, area] of await areas()) {
      expect(Object.keys(area.en).sort(), file).toEqual(Object.keys(area.id).sort());
      for (const key of Object.keys(area.id)) {
        expect(where.get(key), `${key} in ${file}`).toBeUndefined();
        where.set(key, file);
        expect(MESSAGES.id[key as keyof typeof MESSAGES.id], key).toBe(area.id[key]);
        expect(MESSAGES.en[key as keyof typeof MESSAGES.en], key).toBe(area.en[key]);
      }
    }
    expect([...where.keys()].sort()).toEqual(Object.keys(MESSAGES.id).sort());
  });
});
