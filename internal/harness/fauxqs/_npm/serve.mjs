// Starts fauxqs for the Go harness (internal/fauxqs). fauxqs's own CLI
// forces request logging on, which costs the emulator a good share of its
// CPU under load and skews throughput benchmarks; this starts it without.
// The port comes from FAUXQS_PORT, as with the CLI.
import { startFauxqs } from "fauxqs";

await startFauxqs({ logger: false });
