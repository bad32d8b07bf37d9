// SES message tags allow only [A-Za-z0-9_-] (up to 256 characters), but the ids kinerja tags mails with (decision
// keys like "<cycle>-<nip>#review") carry other characters. A reversible escape keeps safe values as they are and
// lets the mail-event handler read the exact id back: "_" becomes "__", any other byte "_" + two hex digits.

const SAFE = /[A-Za-z0-9-]/;

/** A tag name or value in the characters SES accepts; `decodeSesTag` gives the original back. */
export function encodeSesTag(value: string): string {
  let out = "";
  for (const byte of Buffer.from(value, "utf8")) {
    const ch = String.fromCharCode(byte);
    out += SAFE.test(ch) ? ch : ch === "_" ? "__" : `_${byte.toString(16).padStart(2, "0")}`;
  }
  return out || "_";
}

/** The original of an encoded tag; undefined when the text is not one `encodeSesTag` produces. */
export function decodeSesTag(encoded: string): string | undefined {
  const bytes: number[] = [];
  for (let i = 0; i < encoded.length; i++) {
    const ch = encoded[i]!;
    if (ch !== "_") {
      if (!SAFE.test(ch)) return undefined;
      bytes.push(ch.charCodeAt(0));
      continue;
    }
    if (encoded[i + 1] === "_") {
      bytes.push(0x5f);
      i += 1;
      continue;
    }
    const hex = encoded.slice(i + 1, i + 3);
    if (!/^[0-9a-f]{2}$/.test(hex)) return encoded === "_" ? "" : undefined;
    bytes.push(parseInt(hex, 16));
    i += 2;
  }
  return Buffer.from(bytes).toString("utf8");
}

/** The most characters SES keeps in a tag value. */
export const SES_TAG_MAX = 256;
