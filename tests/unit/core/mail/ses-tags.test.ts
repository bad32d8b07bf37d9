// SES message tags (issue 16 item 4): kinerja's ids go out in the characters SES allows and come back exactly, so a
// bounce finds its decision; safe values stay readable in the SES console.
import { describe, expect, it } from "vitest";
import { decodeSesTag, encodeSesTag } from "../../../../packages/core/src/mail/ses-tags";

describe("SES tag encoding", () => {
  it("round-trips decision keys and any text, using only [A-Za-z0-9_-]", () => {
    for (const value of [
      "annual-2027-01-a1b2c3-198001012010011001#skp-approval#v1",
      "org_rating-result",
      "__",
      "_41",
      "Kepala Dinas (H. Ahmad)",
      "sekolah/ñandú ✓",
      "",
    ]) {
      const encoded = encodeSesTag(value);
      expect(encoded, value).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeSesTag(encoded), value).toBe(value);
    }
  });

  it("keeps safe values as they are and refuses text it never produced", () => {
    expect(encodeSesTag("skp-approval")).toBe("skp-approval");
    expect(encodeSesTag("a#b")).toBe("a_23b");
    expect(decodeSesTag("a_zz")).toBeUndefined();
    expect(decodeSesTag("a b")).toBeUndefined();
  });
});
