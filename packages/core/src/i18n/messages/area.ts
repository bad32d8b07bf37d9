// One area of the dictionary: its messages in Indonesian and the same keys in English (the compiler refuses an area
// whose English lacks a key or has one more).

/** The messages of one area: `id` names the keys, `en` must give each of them. */
export const messageArea = <const K extends string>(texts: {
  id: Readonly<Record<K, string>>;
  en: Readonly<Record<NoInfer<K>, string>>;
}) => texts;
