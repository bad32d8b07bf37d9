// What the CLI prints is Bahasa Indonesia from the one dictionary (i18n/messages.ts), with Indonesian numbers and
// dates; every command module writes its lines through these.
import { formatDateTime, formatNumber } from "@kinerja/core/i18n/format";
import { t, type MessageKey, type MessageParams } from "@kinerja/core/i18n/messages";

/** A CLI text in Indonesian, from the dictionary. */
export const say = (key: MessageKey, params?: MessageParams) => t(key, "id", params);

/** A count as Indonesian digits ("1.200"), kept as text so the dictionary does not reformat it. */
export const count = (n: unknown) => formatNumber(typeof n === "number" ? n : Number(n), "id", 0);

/** An instant as HR reads it, with the ISO time beside it for `clock set` and scripts. */
export const when = (iso: string) => ({ time: formatDateTime(iso), iso });
