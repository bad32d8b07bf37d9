// The seven BerAKHLAK ratings and the overall behaviour rating agree inside the running workflow (DOMAIN 6.2, issue 15
// item 6): the overall rating follows the cycle's aggregation of the seven, or a written justification says why not.
// All seven below with an overall "meets" is refused (it gave Baik before) until justified; on DynamoDB Local, the
// engine and the real ASL, through the decision service behind POST /l/{token}.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchCycle } from "../../packages/core/src/cycle/cycle-control";
import { InvalidDecisionBodyError } from "../../packages/core/src/decision/decision.errors";
import { decide } from "../../packages/core/src/decision/decide";
import { viewLink } from "../../packages/core/src/decision/link-view";
import { BERAKHLAK_KEYS, type Rating } from "../../packages/core/src/rating/rating";
import { t } from "../../packages/core/src/i18n/messages";
import {
  act,
  advanceDays,
  appraisal,
  createCycle,
  pendingLinks,
  reportRealisation,
  seedUnit,
  setTargets,
  settle,
  startWorld,
  type Person,
  type World,
} from "./harness";

const all = (r: Rating) => Object.fromEntries(BERAKHLAK_KEYS.map((k) => [k, r]));

describe("overall behaviour rating vs the seven BerAKHLAK values", { timeout: 120_000 }, () => {
  let world: World;
  let head: Person;
  let secretary: Person;
  let people: Person[];
  const id = (p: Person) => `q1-${p.nip}`;

  beforeAll(async () => {
    world = await startWorld("2027-01-04T01:00:00.000Z");
    ({ head, secretary, people } = await seedUnit(world, "dinas-uji", 3));
    await createCycle(world, {
      cycleId: "q1",
      kind: "quarterly",
      periodStart: "2027-01-01",
      periodEnd: "2027-03-31",
      unitIds: ["dinas-uji"],
      // Stricter than the default: two values below make the whole rating below.
      settings: {
        periodicEvaluation: "none",
        perilakuAggregation: { belowWhenAtLeast: 2, aboveWhenAtLeast: 4 },
      },
    });
    await launchCycle(world.control, "q1");
    await settle(world);
    const everyone = [...people, secretary];
    await setTargets(world, id, [head, ...everyone]);
    await advanceDays(world, 87);
    await reportRealisation(world, everyone, id);
  }, 120_000);
  afterAll(async () => world?.close());

  it("refuses an overall rating the seven values do not give, without a justification, and decides nothing", async () => {
    const [token] = await pendingLinks(world, secretary.email, id(people[0]!), "review");
    const view = await viewLink(world.decisionDeps, token!);
    expect(view.decision.context.perilakuAggregation).toEqual({ belowWhenAtLeast: 2, aboveWhenAtLeast: 4 });
    const body = {
      hasilKerja: "meets",
      perilaku: "meets",
      perilakuDetail: all("below"),
      feedback: "Perilaku perlu diperbaiki.",
    };
    const refused = await decide(world.decisionDeps, token!, body, "id").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(InvalidDecisionBodyError);
    expect((refused as InvalidDecisionBodyError).issues).toEqual([
      { path: "perilaku", message: t("perilakuDiffersFromDetail", "id", { rating: "Di Bawah Ekspektasi" }) },
    ]);
    await settle(world);
    expect((await viewLink(world.decisionDeps, token!)).decision.status).toBe("pending");
    expect((await appraisal(world, id(people[0]!))).stage).toBe("review");
  });

  it("accepts it with a written justification and records what the seven values gave", async () => {
    await act(world, secretary.email, id(people[0]!), "review", {
      hasilKerja: "meets",
      perilaku: "meets",
      perilakuDetail: all("below"),
      feedback: "Perilaku perlu diperbaiki.",
      justification:
        "Pelanggaran terjadi sekali pada Januari dan sudah diperbaiki; sejak itu perilaku sesuai.",
    });
    const reviewed = await appraisal(world, id(people[0]!));
    expect(reviewed.predikat).toBe("baik");
    expect(reviewed.review).toMatchObject({
      perilaku: "meets",
      perilakuFromDetail: "below",
      justification:
        "Pelanggaran terjadi sekali pada Januari dan sudah diperbaiki; sejak itu perilaku sesuai.",
    });
  });

  it("follows the cycle's rule, not the default: one value below still gives meets, and needs no justification", async () => {
    const oneBelow = { ...all("meets"), akuntabel: "below" };
    await act(world, secretary.email, id(people[1]!), "review", {
      hasilKerja: "meets",
      perilaku: "meets",
      perilakuDetail: oneBelow,
      feedback: "Sesuai target.",
    });
    expect((await appraisal(world, id(people[1]!))).review).toMatchObject({
      perilaku: "meets",
      perilakuFromDetail: "meets",
    });
    // Under the same rule two values below make it below: an overall "below" agrees and needs no reason either.
    await act(world, secretary.email, id(people[2]!), "review", {
      hasilKerja: "meets",
      perilaku: "below",
      perilakuDetail: { ...oneBelow, loyal: "below" },
      feedback: "Dua perilaku perlu diperbaiki.",
    });
    const third = await appraisal(world, id(people[2]!));
    expect(third.predikat).toBe("kurang");
    expect(third.review?.justification).toBeUndefined();
  });
});
