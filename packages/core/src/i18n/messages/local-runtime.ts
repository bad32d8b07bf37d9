// The local runtime and the cloud's edges: who may call /_local and from where.
import { messageArea } from "./area";

export const localRuntimeMessages = messageArea({
  id: {
    localForeignHost:
      "Alamat {host} tidak dilayani. Runtime lokal kinerja hanya menjawab localhost, 127.0.0.1 atau [::1] dengan port {port}",
    localCrossSite:
      "Permintaan ke /_local ditolak: kirim sebagai application/json dari halaman runtime lokal ini sendiri, bukan dari situs lain",
  },
  en: {
    localForeignHost:
      "Host {host} is not served. The kinerja local runtime answers only localhost, 127.0.0.1 or [::1] with port {port}",
    localCrossSite:
      "Request to /_local refused: send it as application/json from this local runtime itself, not from another site",
  },
});
