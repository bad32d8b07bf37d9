// Property-based tests of every HR API route through app.request() against DynamoDB Local and the real engine:
// random methods, path params, query strings, bodies and headers (content-type, authorization, accept) always
// get a success or a well-formed 4xx problem+json, never a 5xx.
import * as fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDevIssuer, generateDevIssuerKey } from "../../packages/web/src/auth/dev-issuer";
import { organisation, settle, startHrWorld, type HrWorld } from "../web/hr/hr-world";
import { expectWellFormedAnswer, propertyOptions } from "./property-world";

const START = "2027-01-04T01:00:00.000Z";

/** Route templates of the HR API (DESIGN 3); `:x` is a path parameter. */
const ROUTES: { method: string; path: string; body?: "json" | "csv" }[] = [
  { method: "POST", path: "/api/employees/import", body: "csv" },
  { method: "POST", path: "/api/imports/attendance", body: "csv" },
  { method: "POST", path: "/api/imports/survey", body: "csv" },
  { method: "POST", path: "/api/imports/indicators", body: "csv" },
  { method: "GET", path: "/api/units" },
  { method: "GET", path: "/api/employees" },
  { method: "GET", path: "/api/units/:unit/ikm" },
  { method: "PUT", path: "/api/units/:unit/org-rating", body: "json" },
  { method: "POST", path: "/api/cycles", body: "json" },
  { method: "GET", path: "/api/cycles" },
  { method: "GET", path: "/api/cycles/:cycle" },
  { method: "GET", path: "/api/cycles/:cycle/appraisals" },
  { method: "GET", path: "/api/cycles/:cycle/overdue" },
  { method: "GET", path: "/api/cycles/:cycle/at-risk" },
  { method: "GET", path: "/api/cycles/:cycle/export.csv" },
  { method: "POST", path: "/api/cycles/:cycle/launch" },
  { method: "POST", path: "/api/cycles/:cycle/cancel", body: "json" },
  { method: "GET", path: "/api/cycles/:cycle/audit" },
  { method: "GET", path: "/api/imports/audit" },
  { method: "GET", path: "/api/imports/jobs/:importJob" },
  { method: "GET", path: "/api/appraisals/:appraisal" },
  { method: "POST", path: "/api/appraisals/:appraisal/cancel", body: "json" },
  { method: "POST", path: "/api/appraisals/:appraisal/retry" },
];

describe("HR API under random requests (property-based, real engine and DynamoDB Local)", () => {
  let w: HrWorld;
  const org = organisation(4);
  let cycleId: string;
  let tokens: Record<string, string>;
  /** Ids of real import jobs, so GET /api/imports/jobs/{id} is also asked about jobs that exist. */
  const importIds: string[] = [];

  beforeAll(async () => {
    w = await startHrWorld(START);
    const employees = await w.call("POST", "/api/employees/import", org.csv);
    expect(employees.status).toBe(200);
    importIds.push(((await employees.json()) as { importId: string }).importId);
    const survey = [
      "unit_id,respondent_id,submitted_at,u1,u2,u3,u4,u5,u6,u7,u8,u9",
      ...Array.from({ length: 6 }, (_, i) => `dinas-uji,r${i},2027-01-0${i + 1},4,3,3,4,3,2,3,4,3`),
    ].join("\n");
    const surveyImport = await w.call("POST", "/api/imports/survey", survey);
    expect(surveyImport.status).toBe(200);
    importIds.push(((await surveyImport.json()) as { importId: string }).importId);
    const created = await w.call("POST", "/api/cycles", {
      name: "Triwulan I 2027",
      kind: "quarterly",
      periodStart: "2027-01-01",
      periodEnd: "2027-03-31",
      settings: { periodicEvaluation: "none" },
    });
    cycleId = ((await created.json()) as { id: string }).id;
    await settle(w.world);
    // Tokens that must all be refused: another issuer's key, a tampered payload, an unsigned one.
    const stranger = await createDevIssuer({ key: await generateDevIssuerKey(), clock: w.world.clock });
    const foreign = await stranger.sign({ role: "hr", subject: "mallory" });
    const [head, payload, sig] = w.hrToken.split(".") as [string, string, string];
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, "base64url").toString()), roles: ["hr", "admin"] }),
    ).toString("base64url");
    const none = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
    tokens = {
      hr: w.hrToken,
      viewer: w.viewerToken,
      foreign,
      tampered: `${head}.${forged}.${sig}`,
      unsigned: `${none}.${payload}.`,
      truncated: w.hrToken.slice(0, -5),
    };
  }, 90_000);
  afterAll(async () => w?.close());

  /** How the request authenticates, and what the guard must answer when it cannot. */
  const authArb = fc.oneof(
    { weight: 6, arbitrary: fc.constant({ kind: "hr", header: () => `Bearer ${tokens.hr}` }) },
    { weight: 2, arbitrary: fc.constant({ kind: "viewer", header: () => `Bearer ${tokens.viewer}` }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom("bearer", "BEARER").map((scheme) => ({
        kind: "hr",
        header: () => `${scheme}   ${tokens.hr}  `,
      })),
    },
    {
      weight: 3,
      arbitrary: fc
        .oneof(
          fc
            .constantFrom("foreign", "tampered", "unsigned", "truncated")
            .map((k) => () => `Bearer ${tokens[k]}`),
          fc
            .constantFrom(undefined, "", "Bearer", "Bearer ", "Basic aHI6aHI=", "Token abc")
            .map((h) => () => h),
          fc.string({ maxLength: 60 }).map((s) => () => `Bearer ${s.replace(/[\r\n\0]/g, "")}`),
          fc.constant(() => `Bearer ${tokens.hr} ${tokens.hr}`),
        )
        .map((header) => ({ kind: "none", header })),
    },
  );

  const idArb = (known: () => string[]) =>
    fc.oneof(
      { weight: 4, arbitrary: fc.constant(null).chain(() => fc.constantFrom(...known())) },
      { weight: 2, arbitrary: fc.string({ maxLength: 30 }).map(encodeURIComponent) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          "%",
          "%zz",
          "%E0%A4%A",
          "..",
          "a%2Fb",
          "%00",
          "x".repeat(250),
          "%F0%9F%98%80",
          "nama%20unit",
          "-",
        ),
      },
    );

  const queryValue = fc.oneof(
    fc.constantFrom(
      "true",
      "false",
      "dinas-uji",
      "dinas-kesehatan",
      "nowhere",
      "exact",
      "regulation-0.11",
      "2027-01-01",
      "2027-02-30",
      "2026-12-31T17:00:00Z",
      "+275760-09-13T00:00:00.000Z",
      "-000001-01-01T00:00:00Z",
      "1",
      "",
      "%",
      "%ZZ",
    ),
    fc.date({ noInvalidDate: true }).map((d) => encodeURIComponent(d.toISOString())),
    fc.string({ maxLength: 20 }).map(encodeURIComponent),
  );
  const queryArb = fc
    .array(
      fc.tuple(fc.constantFrom("unit", "subUnits", "from", "to", "weighting", "x", "unit"), queryValue),
      { maxLength: 4 },
    )
    .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join("&")}` : ""));

  /** JSON bodies: near-valid objects for each body schema (valid and invalid fields mixed), any JSON, non-JSON. */
  const jsonBodyArb = (): fc.Arbitrary<string | Uint8Array> => {
    const dateish = fc.oneof(
      fc.constantFrom(
        "2027-01-01",
        "2027-03-31",
        "2027-04-01",
        "2027-12-31",
        "2027-01-31",
        "2027-02-30",
        "",
        "x",
      ),
      fc
        .date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
      fc.integer(),
    );
    const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string({ maxLength: 600 }));
    const cycle = fc.record(
      {
        id: fc.oneof(fc.stringMatching(/^[a-z0-9][a-z0-9-]{2,20}$/), anyValue),
        name: fc.oneof(fc.constantFrom("Triwulan II", "  ", ""), anyValue),
        kind: fc.oneof(fc.constantFrom("annual", "quarterly", "monthly", "yearly"), anyValue),
        periodStart: dateish,
        periodEnd: dateish,
        unitIds: fc.oneof(
          fc.array(fc.constantFrom("dinas-uji", "dinas-kesehatan", "dinas-hilang", "a b", ""), {
            maxLength: 3,
          }),
          anyValue,
        ),
        settings: fc.oneof(
          fc.record(
            {
              periodicEvaluation: fc.oneof(
                fc.constantFrom("monthly", "quarterly", "none", "weekly"),
                anyValue,
              ),
              reminderAfterDays: fc.oneof(fc.integer({ min: -5, max: 100 }), fc.double(), anyValue),
              escalateAfterDays: fc.oneof(fc.integer({ min: -5, max: 200 }), anyValue),
              objectionWindowDays: fc.oneof(fc.integer({ min: 0, max: 100 }), anyValue),
              extra: anyValue,
            },
            { requiredKeys: [] },
          ),
          anyValue,
        ),
        extra: anyValue,
      },
      { requiredKeys: [] },
    );
    const rating = fc.record(
      {
        cycleId: fc.oneof(
          fc.constant(null).map(() => cycleId),
          fc.string({ maxLength: 120 }),
          anyValue,
        ),
        rating: fc.oneof(
          fc.constantFrom("istimewa", "baik", "butuh_perbaikan", "kurang", "sangat_kurang", "great"),
          anyValue,
        ),
        extra: anyValue,
      },
      { requiredKeys: [] },
    );
    const cancel = fc.record(
      {
        reason: fc.oneof(fc.constantFrom("Salah data", "   ", ""), fc.string({ maxLength: 700 }), anyValue),
        extra: anyValue,
      },
      { requiredKeys: [] },
    );
    return fc.oneof(
      { weight: 6, arbitrary: fc.oneof(cycle, rating, cancel).map((o) => JSON.stringify(o)) },
      { weight: 2, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
      { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) },
      {
        weight: 1,
        arbitrary: fc.constantFrom("{", '{"reason":', "[]", "null", "\uFEFF{}", '{"__proto__":{"x":1}}'),
      },
      // Oversized bodies (413) are a small share of the requests that reach a JSON route with a valid token, so they
      // carry enough weight that 400 runs meet one with near certainty (miss chance ~1e-4 instead of ~5%).
      { weight: 4, arbitrary: fc.constant(null).map(() => `{"reason":"${"a".repeat(300 * 1024)}"}`) },
    );
  };
  const csvBodyArb: fc.Arbitrary<string | Uint8Array> = fc.oneof(
    fc.constant(org.csv),
    fc.string({ maxLength: 300 }),
    fc.uint8Array({ maxLength: 300 }),
    fc.constant(
      'unit_id,respondent_id,submitted_at,u1,u2,u3,u4,u5,u6,u7,u8,u9\r\ndinas-uji,"r""1",2027-01-02,4,,,,,,,,\r\n',
    ),
  );

  const contentTypeArb = fc.constantFrom(
    undefined,
    "application/json",
    "application/json; charset=utf-8",
    "APPLICATION/JSON",
    "application/problem+json",
    "text/csv",
    "text/csv; charset=utf-8",
    "text/plain",
    "application/csv",
    "multipart/form-data; boundary=x",
    "application/x-www-form-urlencoded",
    "a/b/c",
    "",
  );
  const acceptArb = fc.constantFrom(
    undefined,
    "application/json",
    "text/html",
    "*/*",
    "text/csv",
    "application/xml",
    ";;;",
  );

  const requestArb = fc.record({
    // Creating a cycle is the one route that answers 202; it gets extra weight so the coverage check cannot miss it.
    route: fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...ROUTES) },
      {
        weight: 1,
        arbitrary: fc.constant(ROUTES.find((r) => r.method === "POST" && r.path === "/api/cycles")!),
      },
    ),
    // Mostly the route's own method; sometimes another one (unknown method-path pairs must be a clean 404).
    otherMethod: fc.oneof(
      { weight: 7, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS") },
    ),
    unit: idArb(() => ["dinas-uji", "dinas-kesehatan", "dinas-uji-sekretariat"]),
    cycle: idArb(() => [cycleId]),
    appraisal: idArb(() => org.people.map((p) => `${cycleId}-${p.nip}`)),
    importJob: idArb(() => importIds),
    query: queryArb,
    auth: authArb,
    contentType: contentTypeArb,
    matchingContentType: fc.boolean(),
    accept: acceptArb,
    json: jsonBodyArb(),
    // Half of the JSON requests carry a body valid for the route, so the state-changing paths (202, 409) are
    // reached often enough that the coverage check below cannot miss them by chance.
    valid: fc.boolean(),
    validPick: fc.nat(),
    csv: csvBodyArb,
  });

  /** A body the route's schema accepts (the service may still refuse it: unknown ids, a cancelled cycle). */
  function validBody(path: string, pick: number): string {
    if (path.endsWith("/org-rating"))
      return JSON.stringify({ cycleId, rating: ["istimewa", "baik", "butuh_perbaikan", "kurang"][pick % 4] });
    if (path.endsWith("/cancel")) return JSON.stringify({ reason: `Dibatalkan uji ${pick}` });
    const month = String((pick % 12) + 1).padStart(2, "0");
    const last = new Date(Date.UTC(2027, (pick % 12) + 1, 0)).getUTCDate();
    return JSON.stringify({
      ...(pick % 3 === 0 ? { id: `monthly-${pick % 50}` } : {}),
      name: `Bulanan ${month}/2027`,
      kind: "monthly",
      periodStart: `2027-${month}-01`,
      periodEnd: `2027-${month}-${last}`,
      unitIds: ["dinas-kesehatan"],
      settings: { periodicEvaluation: "none" },
    });
  }

  it("every route answers 2xx or a well-formed 4xx, the guard refuses bad tokens (401) and viewer writes (403)", async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(requestArb, async (r) => {
        const method = r.otherMethod ?? r.route.method;
        const path = r.route.path
          .replace(":unit", r.unit as string)
          .replace(":cycle", r.cycle as string)
          .replace(":appraisal", r.appraisal as string)
          .replace(":importJob", r.importJob as string);
        const url = `${path}${r.query}`;
        const headers: Record<string, string> = {};
        const auth = r.auth.header();
        if (auth !== undefined) headers.authorization = auth;
        if (r.accept) headers.accept = r.accept;
        const bodyKind = r.route.body;
        const contentType =
          r.matchingContentType && bodyKind
            ? bodyKind === "csv"
              ? "text/csv"
              : "application/json"
            : r.contentType;
        if (contentType !== undefined) headers["content-type"] = contentType;
        const json = r.valid && bodyKind === "json" ? validBody(r.route.path, r.validPick) : r.json;
        const body = method === "GET" || method === "HEAD" ? undefined : bodyKind === "csv" ? r.csv : json;
        let req: Request;
        try {
          req = new Request(`http://localhost${url}`, { method, headers, body });
        } catch {
          return; // not a request a client could send (e.g. a URL the WHATWG parser refuses)
        }
        const res = await w.app.request(req);
        const tally = `${method} ${r.route.path} ${res.status}`;
        seen.set(tally, (seen.get(tally) ?? 0) + 1);
        const what = `${method} ${url} [${r.auth.kind}, ${contentType ?? "no content-type"}]`;
        if (method === "HEAD") {
          expect(res.status < 500, `${what} -> ${res.status}`).toBe(true);
          return;
        }
        const problem = await expectWellFormedAnswer(res, what);
        if (r.auth.kind === "none") expect(problem?.status, what).toBe(401);
        else if (r.auth.kind === "viewer" && method !== "GET") expect(problem?.status, what).toBe(403);
      }),
      propertyOptions(400),
    );
    await settle(w.world);
    // The generators reach past the guard and the validators: successes, validation errors and misses all occur.
    const statuses = new Set([...seen.keys()].map((k) => Number(k.split(" ").at(-1))));
    if (process.env.KINERJA_PROPERTY_REPORT) console.log([...seen.entries()].sort().join("\n"));
    for (const status of [200, 202, 400, 401, 403, 404, 409, 413, 415])
      expect(statuses, `status ${status}`).toContain(status);
  }, 90_000);
});
