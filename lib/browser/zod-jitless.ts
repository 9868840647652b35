/**
 * The extension's pages, content script and background run under Manifest V3's CSP, which
 * forbids eval. zod would find that out by trying `Function('')` on first use (and Chrome lists
 * the refused eval among the extension's errors, though zod catches it): tell it up front.
 * Imported for its effect by lib/messaging.ts, which every extension context loads. zod's core
 * holds the setting for `zod` and `zod/mini` alike; importing `config` alone keeps the rest of
 * zod out of bundles that do not use it (the panel's launcher).
 */
import { config } from 'zod/v4/core';

config({ jitless: true });
