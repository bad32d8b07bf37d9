// SKP rules (DOMAIN 4, rules 24-29): RHK, indicators, perspectives and the cascade of targets.
import { messageArea } from "./area";

export const skpMessages = messageArea({
  id: {
    noUtama: "SKP harus memuat paling sedikit satu RHK utama.",
    duplicateRhkId: 'Id RHK "{id}" sudah dipakai pada RHK ke-{n}.',
    duplicateRhkText: "RHK ini sama dengan RHK ke-{n}.",
    unknownParentRhk: 'RHK {n}: RHK atasan "{id}" tidak ditemukan pada SKP atasan yang telah disetujui.',
    missingParentRhk:
      "RHK {n} adalah RHK utama dan harus mengintervensi salah satu RHK atasan yang telah disetujui.",
    missingPerspective: "SKP JPT: setiap RHK harus memiliki perspektif.",
    perspectiveNotApplicable: "Perspektif hanya dipakai pada SKP JPT; nilai ini diabaikan.",
    negativeTarget: "Target tidak boleh negatif.",
    targetMinAboveMax: "Target maksimum ({max}) lebih kecil dari target minimum ({min}).",
    percentAbove100: "Target kualitas dalam persen melebihi 100%.",
    duplicateAspect: "Aspek yang sama sudah dipakai pada indikator lain RHK ini.",
    duplicateEkspektasi: "Ekspektasi khusus untuk {value} sudah ada.",
  },
  en: {
    noUtama: "an SKP needs at least one main (utama) RHK",
    duplicateRhkId: 'RHK id "{id}" is already used by RHK {n}',
    duplicateRhkText: "this RHK repeats RHK {n}",
    unknownParentRhk: 'RHK {n}: superior RHK "{id}" is not in the superior\'s approved SKP',
    missingParentRhk: "RHK {n} is a main RHK and must intervene on one of the superior's approved RHK",
    missingPerspective: "JPT SKP: every RHK needs a perspective",
    perspectiveNotApplicable: "perspectives apply to JPT SKPs only; this value is ignored",
    negativeTarget: "a target cannot be negative",
    targetMinAboveMax: "the maximum target ({max}) is below the minimum target ({min})",
    percentAbove100: "a quality target in percent is above 100%",
    duplicateAspect: "another indicator of this RHK already uses this aspect",
    duplicateEkspektasi: "a special expectation for {value} already exists",
  },
});
