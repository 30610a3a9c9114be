// Starts fauxqs for the Go harness (internal/harness/fauxqs) and the demo.
//
// fauxqs's own startFauxqs (and its CLI) listens on 0.0.0.0 whatever
// FAUXQS_HOST says, which would expose an unauthenticated SNS/SQS/S3 to the
// network; it also forces request logging on, which costs the emulator a
// good share of its CPU under load. So this builds the same app and listens
// on 127.0.0.1 only, without the request log. FAUXQS_PORT picks the port;
// FAUXQS_HOST only shapes the queue URLs fauxqs returns, as with the CLI.
import { buildApp } from "fauxqs";

const port = Number.parseInt(process.env.FAUXQS_PORT ?? "4566", 10);
const app = buildApp({
  logger: false,
  host: process.env.FAUXQS_HOST,
  defaultRegion: process.env.FAUXQS_DEFAULT_REGION,
});
await app.listen({ port, host: "127.0.0.1" });
