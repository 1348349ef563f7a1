import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { HarnessError } from '../core/errors.ts';
import type { BuildRecipe, FunctionSpec, Language } from '../template/function-spec.ts';

/** What a compiled function's build needs: one source tree (a Go module, a Cargo package) and a tool. */
interface Toolchain {
  tool: string;
  /** The directory whose contents decide whether a cached build is still good. */
  sourceRoot: (recipe: BuildRecipe) => string;
  install: string;
}

const TOOLCHAINS: Record<BuildRecipe['kind'], Toolchain> = {
  go: {
    tool: 'go',
    sourceRoot: (recipe) => findUp(recipe.kind === 'go' ? recipe.packageDir : '', 'go.mod'),
    install: 'https://go.dev/doc/install',
  },
  rust: { tool: 'cargo', sourceRoot: (recipe) => (recipe.kind === 'rust' ? recipe.crateDir : ''), install: 'https://rustup.rs' },
};

function findUp(dir: string, file: string): string {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, file))) return current;
    if (dirname(current) === current) throw new HarnessError(`no ${file} above ${dir}`);
  }
}

function filesBelow(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.name !== 'target' && !entry.name.startsWith('.'))
    .flatMap((entry) => (entry.isDirectory() ? filesBelow(join(dir, entry.name)) : [join(dir, entry.name)]))
    .sort();
}

function run(argv: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; what: string }): string {
  const result = spawnSync(argv[0]!, argv.slice(1), {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw new HarnessError(`${options.what}: ${argv[0]} could not run (${result.error.message})`);
  if (result.status !== 0) {
    const why = `${result.stderr}`.trim().split('\n').filter(Boolean).slice(-1)[0] ?? `exit code ${result.status}`;
    throw new HarnessError(`${options.what} failed: ${why} (command: ${argv.join(' ')} in ${options.cwd})`);
  }
  return result.stdout;
}

/** Why a compiled runtime's fixtures cannot be built here, or undefined when its toolchain is present. */
export function toolchainMissing(language: Language): string | undefined {
  if (language === 'node') return undefined;
  const toolchain = TOOLCHAINS[language];
  const probe = spawnSync(toolchain.tool, ['version'], { encoding: 'utf8' });
  return probe.error || probe.status !== 0 ? `${toolchain.tool} is not on PATH (${toolchain.install})` : undefined;
}

function toolVersion(toolchain: Toolchain, language: string): string {
  const probe = spawnSync(toolchain.tool, ['version'], { encoding: 'utf8' });
  if (probe.error)
    throw new HarnessError(
      `the ${language} fixtures need ${toolchain.tool} on PATH (${toolchain.install}); or leave ${language} out with --runtime node`,
    );
  return probe.stdout.trim();
}

const unitOf = (sourceRoot: string, recipe: BuildRecipe) =>
  recipe.kind === 'go' ? relative(sourceRoot, recipe.packageDir) : recipe.binary;

/**
 * Where a function's builds live, `<language>-<slot>-<hash>`: the slot names the unit (this source
 * tree's package or binary), the hash its current sources and toolchain, so a rebuild replaces only
 * the builds of the same unit, whatever other checkouts or reproductions share the cache.
 */
function artefactName(language: Language, sourceRoot: string, recipe: BuildRecipe, version: string): string {
  const slot = createHash('sha256')
    .update(`${sourceRoot}\0${unitOf(sourceRoot, recipe)}`)
    .digest('hex')
    .slice(0, 8);
  return `${language}-${slot}-${sourceHash(sourceRoot, recipe, version)}`;
}

/** The cache key: every source file of the tree, the recipe, and the toolchain that builds it. */
function sourceHash(sourceRoot: string, recipe: BuildRecipe, version: string): string {
  const unit = unitOf(sourceRoot, recipe);
  const hash = createHash('sha256').update(`${recipe.kind}\0${unit}\0${version}\0`);
  for (const file of filesBelow(sourceRoot)) hash.update(relative(sourceRoot, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

function compile(recipe: BuildRecipe, sourceRoot: string, output: string, cacheDir: string, name: string): void {
  const what = `building ${name} (${recipe.kind})`;
  if (recipe.kind === 'go') {
    const pkg = `./${relative(sourceRoot, recipe.packageDir)}`;
    // lambda.norpc: provided.al2023 speaks the Runtime API only; CGO off gives a static binary any image can run.
    run(['go', 'build', '-trimpath', '-mod=readonly', '-tags', 'lambda.norpc', '-o', join(output, 'bootstrap'), pkg], {
      cwd: sourceRoot,
      env: { CGO_ENABLED: '0', GOFLAGS: '-buildvcs=false' },
      what,
    });
    return;
  }
  const targetDir = join(cacheDir, 'cargo-target');
  run(['cargo', 'build', '--release', '--locked', '--quiet', '--bin', recipe.binary, '--target-dir', targetDir], {
    cwd: sourceRoot,
    what,
  });
  copyFileSync(join(targetDir, 'release', recipe.binary), join(output, 'bootstrap'));
}

/**
 * Builds every compiled function once per source change: the artefact lives in the cache under the
 * hash of its sources and toolchain, and the returned spec points its codeUri there, so every runner
 * (host process, container mount, SAM's CodeUri) finds `bootstrap` where Lambda would.
 */
export function buildFunctions(functions: FunctionSpec[], cacheDir: string, log: (line: string) => void = () => undefined): FunctionSpec[] {
  const versions = new Map<string, string>();
  const built = functions.map((fn) => {
    if (!fn.build) return fn;
    const toolchain = TOOLCHAINS[fn.build.kind];
    if (!versions.has(toolchain.tool)) versions.set(toolchain.tool, toolVersion(toolchain, fn.language));
    const sourceRoot = toolchain.sourceRoot(fn.build);
    const artefact = join(cacheDir, artefactName(fn.language, sourceRoot, fn.build, versions.get(toolchain.tool)!));
    if (!existsSync(join(artefact, 'bootstrap'))) {
      log(`building ${fn.name} (${fn.language}) into ${relative(process.cwd(), artefact) || artefact}`);
      const staging = `${artefact}.${process.pid}.tmp`;
      mkdirSync(staging, { recursive: true });
      try {
        compile(fn.build, sourceRoot, staging, cacheDir, fn.name);
        // Another run may have built the same artefact meanwhile; either copy is the same build.
        if (!existsSync(artefact)) renameSync(staging, artefact);
      } finally {
        rmSync(staging, { recursive: true, force: true });
      }
    }
    return { ...fn, codeUri: artefact };
  });
  pruneStale(cacheDir, built);
  return built;
}

/** Earlier builds of the units just built are never used again; other units' builds are left alone. */
function pruneStale(cacheDir: string, functions: FunctionSpec[]): void {
  const current = new Set(functions.filter((fn) => fn.build).map((fn) => basename(fn.codeUri)));
  const slots = new Set([...current].map((name) => name.replace(/-[0-9a-f]{16}$/, '')));
  if (!existsSync(cacheDir)) return;
  for (const entry of readdirSync(cacheDir)) {
    const slot = /^(\w+-[0-9a-f]{8})-[0-9a-f]{16}$/.exec(entry)?.[1];
    if (slot && slots.has(slot) && !current.has(entry)) rmSync(join(cacheDir, entry), { recursive: true, force: true });
  }
}
