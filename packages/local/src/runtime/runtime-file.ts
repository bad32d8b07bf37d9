// The file of a data dir that names the running runtime: the runtime writes it once everything answers and removes
// it on close; the CLI reads it to find the web server (and DynamoDB Local, for doctor). A module of its own so the
// CLI's client commands find it without loading the runtime.

/** File in the data dir naming the running runtime's URLs (the CLI finds the web server there); removed on close. */
export const RUNTIME_FILE = "runtime.json";
