/**
 * The container layer's Node side, the file rapid/binary.ts bundles; the image's entrypoint
 * (listen-first/main.go) starts it on a private port and relays the invoke port to it.
 */
import { parseLayerCommandLine } from './command-line.ts';
import { runContainerLayer } from './container-layer.ts';

// Not top-level await: the bundle is CommonJS, which the image's node runs without a package.json.
runContainerLayer(parseLayerCommandLine(process.argv.slice(2))).catch((error: Error) => {
  process.stderr.write(`lsc-rapid: ${error.message}\n`);
  process.exit(1);
});
