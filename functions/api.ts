// Lambda entry of the HTTP API: the same Hono app as the local dev server (H6a replaces this with deps from functions/shared).
import { handle } from "hono/aws-lambda";
import { createApp } from "../packages/web/src/app";

/** API Gateway (HTTP API, payload 2.0) handler. */
export const handler = handle(createApp());
