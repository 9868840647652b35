// The Node options the proxy is started with (issue 10's memory goal; see INTERNALS.md, "How the
// message index is kept"). V8 sizes its young generation by how much survives each scavenge: a
// copy keeps bodies and their promises alive across many (pipelined APPENDs, the next batch
// downloading), so on 64-bit Node without pointer compression it grows to 2 x 64 MiB, 128 MiB of
// the ~313 MiB peak measured on the 100,000-message bench. Capped at 2 x 16 MiB, the same run
// peaked at 235 MiB and was not slower. V8 reads this when the process starts, never later, so
// every launcher passes it: the bench's, `npm start`, scripts/start.sh (by hand: these are shell)
// and the single-file executables' execArgv.
export const PROXY_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=16'];
