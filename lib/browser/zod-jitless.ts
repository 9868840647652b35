/**
 * The extension's pages, content script and background run under Manifest V3's CSP, which
 * forbids eval. zod would find that out by trying `Function('')` on first use (and Chrome lists
 * the refused eval among the extension's errors, though zod catches it): tell it up front.
 * Imported for its effect by lib/messaging.ts, which every extension context loads.
 */
import { z } from 'zod';

z.config({ jitless: true });
