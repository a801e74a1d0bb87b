// The page's bundles, made by esbuild: the served page's module bundles (one per entry, sharing
// chunks so that both run the same module instances; minified, with external source maps), the
// engine worker's module bundle (its own: it shares no module with the page), and the offline
// file's classic scripts, the app's and the worker's. Run by bundles.py: reads a request (JSON)
// on stdin, prints the bundles' text (JSON) on stdout, writes no file. Errors go to stderr, exit
// status 1.
import { readFileSync } from "node:fs";
import { basename, relative } from "node:path";
import * as esbuild from "esbuild";

const TABLE = "lab-modules"; // the namespace of a generated entry that exports `modules`
const URL_LIKE = /^[a-z][a-z0-9+.-]*:|^\/\//i;

// esbuild would leave an import of a URL for the browser to fetch: the page loads nothing from
// another host, so such an import stops the build, naming the file.
const ownFilesOnly = {
  name: "own-files-only",
  setup(build) {
    build.onResolve({ filter: URL_LIKE }, ({ path }) => {
      if (path.startsWith(`${TABLE}:`)) return undefined;
      const text = `cannot bundle the import of "${path}" (only the site's files)`;
      return { errors: [{ text }] };
    });
  },
};

const common = (request) => ({
  absWorkingDir: request.site_dir, // paths in metafiles are relative to it: "js/main.js"
  nodePaths: [request.node_modules], // packages resolve from the repository, wherever site/ is
  bundle: true,
  minify: true,
  charset: "utf8",
  target: "es2022",
  write: false,
  logLevel: "silent",
  plugins: [ownFilesOnly],
});

// Every module of the site reachable from entry, entry first, then in path order.
async function moduleGraph(request, entry) {
  const { metafile } = await esbuild.build({
    ...common(request), entryPoints: [entry], format: "esm", metafile: true, minify: false,
    outdir: "out",
  });
  const others = Object.keys(metafile.inputs).filter((path) => path !== entry).sort();
  return [entry, ...others.filter((path) => path.startsWith("js/"))];
}

// The source of an entry that runs `entry` and exports `modules`, path -> module namespace, so
// that code loaded later (the end-to-end tests) reaches the very instances the page runs.
function tableSource(paths) {
  const imports = paths.map((path, i) => `import * as m${i} from "./${path}";\n`).join("");
  const rows = paths.map((path, i) => `  ${JSON.stringify(path)}: m${i},\n`).join("");
  return `${imports}export const modules = {\n${rows}};\n`;
}

function tablePlugin(request, tables) {
  return {
    name: TABLE,
    setup(build) {
      build.onResolve({ filter: new RegExp(`^${TABLE}:`) }, (args) => ({
        path: args.path.slice(TABLE.length + 1), namespace: TABLE,
      }));
      build.onLoad({ filter: /.*/, namespace: TABLE }, (args) => ({
        contents: tableSource(tables.get(args.path)), resolveDir: request.site_dir, loader: "js",
      }));
    },
  };
}

// {files: {name: text}, imports: {bundle name: [chunk names it imports]}}: names in js/.
async function servedBundles(request) {
  const tables = new Map();
  for (const { entry, table } of request.served) {
    if (table) tables.set(entry, await moduleGraph(request, entry));
  }
  const result = await esbuild.build({
    ...common(request),
    entryPoints: request.served.map(({ entry, out, table }) => ({
      in: table ? `${TABLE}:${entry}` : entry, out,
    })),
    format: "esm",
    splitting: true,
    sourcemap: "linked",
    sourcesContent: false, // the sources are served beside the bundles: the maps point to them
    outdir: `${request.site_dir}/js`, // so the maps name sources relative to js/: "main.js"
    chunkNames: "chunk-[hash]",
    metafile: true,
    plugins: [ownFilesOnly, tablePlugin(request, tables)],
  });
  const outdir = `${request.site_dir}/js`;
  const files = Object.fromEntries(result.outputFiles.map((file) => [
    relative(outdir, file.path), file.text,
  ]));
  const imports = Object.fromEntries(Object.entries(result.metafile.outputs)
    .filter(([, output]) => output.entryPoint)
    .map(([path, output]) => [basename(path), output.imports.map((i) => basename(i.path))]));
  return { files, imports };
}

// An entry and all it imports as one classic script (strict, like the modules it holds).
async function classicScript(request, entry) {
  const result = await esbuild.build({
    ...common(request), entryPoints: [entry], format: "iife",
    banner: { js: '"use strict";' },
  });
  return result.outputFiles[0].text;
}

// The worker's module bundle {files: {name: text}} and its classic script; null without a worker.
async function workerBundles(request) {
  if (!request.worker) return null;
  const outdir = `${request.site_dir}/js`;
  const result = await esbuild.build({
    ...common(request), entryPoints: [{ in: request.worker.entry, out: request.worker.out }],
    format: "esm", sourcemap: "linked", sourcesContent: false, outdir,
  });
  const files = Object.fromEntries(result.outputFiles.map((file) => [
    relative(outdir, file.path), file.text,
  ]));
  return { files, classic: await classicScript(request, request.worker.entry) };
}

try {
  const request = JSON.parse(readFileSync(0, "utf8"));
  const answer = {
    served: await servedBundles(request), classic: await classicScript(request, request.classic),
    worker: await workerBundles(request),
  };
  process.stdout.write(JSON.stringify(answer));
} catch (error) {
  const messages = error.errors?.map((e) => `${e.location?.file ?? "?"}:${e.location?.line ?? 0}: `
    + e.text) ?? [String(error)];
  process.stderr.write(`${messages.join("\n")}\n`);
  process.exitCode = 1;
}
