// HR's contact for overdue notices: KINERJA_HR_EMAIL validated once at cold start (optional in the cloud), with the
// staffing office of the demo regency as the local runtime's default.
import { describe, expect, it } from "vitest";
import {
  hrContactOf,
  LOCAL_HR_EMAIL,
  readLocalHrContact,
  readStepConfig,
  StepConfigError,
} from "../../../../packages/core/src/composition/config";

const base = { KINERJA_TABLE: "kinerja-prod", KINERJA_BASE_URL: "https://kinerja.example.go.id" };

describe("HR contact", () => {
  it("reads KINERJA_HR_EMAIL (and its name) from the step configuration, or none", () => {
    expect(
      hrContactOf(readStepConfig({ ...base, KINERJA_HR_EMAIL: " kepegawaian@bkpsdm.salor.go.id " })),
    ).toEqual({ name: "Pengelola Kinerja", email: "kepegawaian@bkpsdm.salor.go.id" });
    expect(
      hrContactOf(
        readStepConfig({
          ...base,
          KINERJA_HR_EMAIL: "hr@salor.go.id",
          KINERJA_HR_NAME: "Bidang Kinerja BKPSDM",
        }),
      ),
    ).toEqual({ name: "Bidang Kinerja BKPSDM", email: "hr@salor.go.id" });
    expect(hrContactOf(readStepConfig(base))).toBeUndefined();
  });

  it("names a bad address at cold start", () => {
    expect(() => readStepConfig({ ...base, KINERJA_HR_EMAIL: "kepegawaian" })).toThrow(
      /KINERJA_HR_EMAIL: KINERJA_HR_EMAIL must be an e-mail address/,
    );
    expect(() => readLocalHrContact({ KINERJA_HR_EMAIL: "nope" })).toThrow(StepConfigError);
  });

  it("defaults to the regency's staffing office in the local runtime", () => {
    expect(readLocalHrContact({})).toEqual({ name: "Pengelola Kinerja", email: LOCAL_HR_EMAIL });
    expect(LOCAL_HR_EMAIL).toBe("kepegawaian@salorkab.go.id");
    expect(readLocalHrContact({ KINERJA_HR_EMAIL: "bkd@salor.test" }).email).toBe("bkd@salor.test");
  });
});
