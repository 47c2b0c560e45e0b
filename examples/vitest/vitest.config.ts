import { informal } from 'informal/vitest';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [informal({ interpreter: 'sim:large' })],
});
