import * as v from "valibot";

// Interim copy of the DESIGN.md section 3 skp-proposal body until H1's SkpProposalSchema lands; then this re-exports it.
/** The `skp-proposal` body: RHK cascaded from the superior's RHK, each with indicators and targets. */
export const SkpProposalBodySchema = v.strictObject({
  rhk: v.pipe(
    v.array(
      v.strictObject({
        text: v.pipe(v.string(), v.trim(), v.minLength(1, "text is required"), v.maxLength(2000)),
        kind: v.picklist(["utama", "tambahan"], "kind must be utama or tambahan"),
        parentRhkId: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200))),
        indicators: v.pipe(
          v.array(
            v.strictObject({
              text: v.pipe(v.string(), v.trim(), v.minLength(1, "text is required"), v.maxLength(2000)),
              aspect: v.picklist(["kuantitas", "kualitas", "waktu", "biaya"], "aspect must be kuantitas, kualitas, waktu or biaya"),
              target: v.pipe(
                v.strictObject({
                  min: v.pipe(v.number("min must be a number"), v.finite()),
                  max: v.optional(v.pipe(v.number("max must be a number"), v.finite())),
                  unit: v.pipe(v.string(), v.trim(), v.minLength(1, "unit is required"), v.maxLength(100)),
                }),
                v.forward(v.check((t) => t.max === undefined || t.min <= t.max, "max must not be below min"), ["max"]),
              ),
            }),
          ),
          v.minLength(1, "each RHK needs at least one indicator"),
          v.maxLength(20),
        ),
      }),
    ),
    v.minLength(1, "propose at least one RHK"),
    v.maxLength(50),
    v.check((rhk) => rhk.some((r) => r.kind === "utama"), "at least one RHK must be utama"),
  ),
});
