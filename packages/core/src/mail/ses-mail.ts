// The SES v2 adapter lives in ses-mail.adapter.ts (the only place allowed to import the SDK); this path stays stable.
export { createSesMail, type SesMailOptions } from "./ses-mail.adapter";
