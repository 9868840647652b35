import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// Preact through its Vite preset: WXT has no Preact module.
export default defineConfig({
  imports: false,
  manifest: {
    name: 'OVHcloud Migrate platform',
    description:
      'Move e-mail accounts between OVHcloud Exchange, E-mail Pro and MX Plan from the control panel.',
    // Only the local companion proxy; the control panel is reached through the content script's
    // own origin, so no other host permission is needed.
    host_permissions: ['http://127.0.0.1/*'],
    permissions: ['storage'],
  },
  vite: () => ({ plugins: [preact()] }),
});
