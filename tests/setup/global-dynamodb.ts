// Placeholder replaced by the storage work: starts DynamoDB Local once for the whole run.
export default async function setup() {}
