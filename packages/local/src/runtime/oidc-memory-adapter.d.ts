// oidc-provider ships its in-memory adapter without types (the package's own types cover only its main module).
declare module "oidc-provider/lib/adapters/memory_adapter.js" {
  import type { Adapter } from "oidc-provider";
  const MemoryAdapter: new (name: string) => Adapter;
  export default MemoryAdapter;
}
