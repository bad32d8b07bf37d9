// The bodies of decisions taken through a link (DESIGN 3): SKP proposal, review, objection.
import { messageArea } from "./area";

export const decisionMessages = messageArea({
  id: {
    atLeastOneRhk: "Isi paling sedikit satu RHK.",
    atLeastOneIndicator: "Setiap RHK perlu paling sedikit satu indikator.",
    returnNeedsComment: "SKP yang dikembalikan perlu komentar tentang apa yang harus diperbaiki.",
    atLeastOneItem: "Isi realisasi paling sedikit satu indikator.",
    indicatorOnce: "Setiap indikator hanya boleh dilaporkan sekali.",
    unknownIndicator: "Indikator ini bukan bagian dari SKP ini.",
    objectionNeedsReason: "Keberatan perlu alasan.",
    upholdNeedsRevised: "Keberatan yang diterima perlu rating hasil kerja dan perilaku yang baru.",
    rejectKeepsRatings: "Keberatan yang ditolak tidak mengubah rating; kosongkan rating baru.",
    perilakuDiffersFromDetail:
      "Rating perilaku keseluruhan berbeda dari hasil ketujuh nilai BerAKHLAK ({rating}); sesuaikan ratingnya atau tulis justifikasi.",
  },
  en: {
    atLeastOneRhk: "at least one RHK is required",
    atLeastOneIndicator: "each RHK needs at least one indicator",
    returnNeedsComment: "a returned SKP needs a comment saying what to change",
    atLeastOneItem: "report at least one indicator",
    indicatorOnce: "each indicator may appear once",
    unknownIndicator: "is not an indicator of this SKP",
    objectionNeedsReason: "an objection needs a reason",
    upholdNeedsRevised: "an upheld objection needs the revised ratings",
    rejectKeepsRatings: "a rejected objection keeps the ratings; leave revised out",
    perilakuDiffersFromDetail:
      "the overall behaviour rating differs from what the seven BerAKHLAK values give ({rating}); change it or write a justification",
  },
});
