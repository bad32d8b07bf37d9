// Test world for the HR API and dashboard: the workflow harness (DynamoDB Local, the real local engine, real
// ASL and handlers, the outbox) plus the dev issuer and the app built with createApp, as the local runtime does.
import { createApp } from "../../../packages/web/src/app";
import type { AuthOptions } from "../../../packages/web/src/auth/hr-auth";
import {
  createDevIssuer,
  generateDevIssuerKey,
  type DevIssuer,
} from "../../../packages/web/src/auth/dev-issuer";
import {
  act,
  actAll,
  advanceDays,
  cascaded,
  nipOf,
  offeredSuperiorRhk,
  proposal,
  settle,
  startWorld,
  type Act,
  type World,
} from "../../workflows/harness";

/** The world, the app and tokens for both roles. */
export interface HrWorld {
  world: World;
  issuer: DevIssuer;
  app: ReturnType<typeof createApp>;
  /** The same app with other auth settings (e.g. the dashboard's OIDC sign-in against a served local provider). */
  appWith(auth: AuthOptions): ReturnType<typeof createApp>;
  hrToken: string;
  viewerToken: string;
  /** Calls the app as HR (or with `token`), JSON or CSV body. */
  call(
    method: string,
    path: string,
    body?: unknown,
    options?: { token?: string | null; contentType?: string },
  ): Promise<Response>;
  close(): Promise<void>;
}

/** Starts the world at `startAt` with the app mounted. */
export async function startHrWorld(startAt: string): Promise<HrWorld> {
  const world = await startWorld(startAt);
  const issuer = await createDevIssuer({ key: await generateDevIssuerKey(), clock: world.clock });
  const appWith = (auth: AuthOptions) =>
    createApp({
      decisions: world.decisionDeps,
      outbox: world.outbox,
      hr: { storage: world.storage, clock: world.clock, control: world.control },
      auth,
      devIssuer: issuer,
    });
  const app = appWith({ verifier: issuer.verifier() });
  const hrToken = await issuer.sign({ role: "hr", subject: "siti.hr", name: "Siti Pengelola" });
  const viewerToken = await issuer.sign({ role: "viewer", subject: "budi.viewer" });
  return {
    world,
    issuer,
    app,
    appWith,
    hrToken,
    viewerToken,
    call(method, path, body, options = {}) {
      const token = options.token === undefined ? hrToken : options.token;
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
      let payload: string | undefined;
      if (body !== undefined) {
        headers["content-type"] =
          options.contentType ?? (typeof body === "string" ? "text/csv" : "application/json");
        payload = typeof body === "string" ? body : JSON.stringify(body);
      }
      return Promise.resolve(app.request(path, { method, headers, body: payload }));
    },
    close: () => world.close(),
  };
}

/** A person of the test organisation. */
export interface OrgPerson {
  nip: string;
  name: string;
  email: string;
  unitId: string;
}

/**
 * The test organisation as employee CSV: Dinas Uji (head, not appraised; `staff` people appraised by the secretary)
 * with its sub-unit Sekretariat (the secretary, appraised by the head), and Dinas Kesehatan (head + 2 staff).
 */
export function organisation(staff = 6) {
  const person = (i: number, name: string, unitId: string): OrgPerson => ({
    nip: nipOf(i),
    name,
    email: `${name.toLowerCase().replace(/[^a-z0-9]+/g, ".")}@salor.test`,
    unitId,
  });
  const head = person(900, "Kepala Dinas Uji", "dinas-uji");
  const secretary = person(901, "Sekretaris Dinas Uji", "dinas-uji-sekretariat");
  const people = Array.from({ length: staff }, (_, i) => person(i + 1, `Pegawai Uji ${i + 1}`, "dinas-uji"));
  const healthHead = person(950, "Kepala Dinas Kesehatan", "dinas-kesehatan");
  const nurses = [
    person(951, "Perawat Satu", "dinas-kesehatan"),
    person(952, "Perawat Dua", "dinas-kesehatan"),
  ];
  const row = (
    p: OrgPerson,
    unitName: string,
    position: string,
    type: string,
    superior: string,
    head: boolean,
    parent = "",
  ) => [p.nip, p.name, p.email, p.unitId, unitName, position, type, superior, String(head), parent].join(",");
  const csv = [
    "nip,name,email,unit_id,unit_name,position,position_type,superior_nip,unit_head,parent_unit_id",
    row(head, "Dinas Uji", "Kepala Dinas", "jpt", "", true),
    row(secretary, "Sekretariat Dinas Uji", "Sekretaris", "administrator", head.nip, true, "dinas-uji"),
    ...people.map((p) => row(p, "Dinas Uji", "Analis", "pelaksana", secretary.nip, false)),
    row(healthHead, "Dinas Kesehatan", "Kepala Dinas", "jpt", "", true),
    ...nurses.map((p) => row(p, "Dinas Kesehatan", "Perawat", "fungsional", healthHead.nip, false)),
    "",
  ].join("\n");
  return { csv, head, secretary, people, healthHead, nurses };
}

/** Review bodies by index: most staff above/above (sangat baik), the last one meets/meets (baik). */
export const reviewFor = (i: number, total: number) =>
  i < total - 1
    ? { hasilKerja: "above", perilaku: "above", feedback: "Kinerja sangat baik" }
    : { hasilKerja: "meets", perilaku: "meets", feedback: "Sesuai ekspektasi" };

/**
 * Drives the Dinas Uji staff of a quarterly cycle to feedback: the secretary's SKP approved, then the staff's SKP
 * proposed and approved, the period passes, realisation reported and reviewed with `reviewFor`. Leaves the nurses' SKP
 * proposals unanswered (overdue).
 */
export async function driveStaffToFeedback(
  w: HrWorld,
  org: ReturnType<typeof organisation>,
  cycleId: string,
  options: { afterTargets?: () => Promise<void> } = {},
): Promise<void> {
  const { world } = w;
  const ids = org.people.map((p) => `${cycleId}-${p.nip}`);
  // Rule 27: the staff are asked once the secretary's own SKP is approved, and cascade from it.
  const secretaryId = `${cycleId}-${org.secretary.nip}`;
  await act(
    world,
    org.secretary.email,
    secretaryId,
    "skp-proposal",
    proposal("Mengoordinasikan sekretariat"),
  );
  await act(world, org.head.email, secretaryId, "skp-approval", { decision: "approve" });
  const [parent] = await offeredSuperiorRhk(world, org.people[0]!.email, ids[0]!);
  await actAll(
    world,
    org.people.map((p, i): Act => [
      p.email,
      ids[i]!,
      "skp-proposal",
      cascaded(proposal(`Menyusun laporan ${i + 1}`), parent?.id),
    ]),
  );
  await actAll(
    world,
    ids.map((id): Act => [org.secretary.email, id, "skp-approval", { decision: "approve" }]),
  );
  await advanceDays(world, 4);
  await options.afterTargets?.();
  await advanceDays(world, 86);
  const acts: Act[] = [];
  for (const [i, p] of org.people.entries()) {
    const skp = (await world.deps.store.getAppraisal(ids[i]!))!.skp!;
    const [first, second] = skp.rhk[0]!.indicators;
    acts.push([
      p.email,
      ids[i]!,
      "realization",
      {
        items: [
          { indicatorId: first!.id, value: 12 },
          { indicatorId: second!.id, value: 95 },
        ],
      },
    ]);
  }
  await actAll(world, acts);
  await actAll(
    world,
    ids.map((id, i): Act => [org.secretary.email, id, "review", reviewFor(i, ids.length)]),
  );
  await settle(world);
}

export { act, advanceDays, settle };
