// WebGPU for the Node runner through Dawn's Node bindings (the `webgpu` package). The page uses
// the browser's own navigator.gpu; nothing here runs there.

let install: Promise<string | null> | null = null;

/** True in Node (the runner, tests, benchmarks); false in the page's worker. */
const inNode = () => typeof process !== 'undefined' && Boolean(process.versions?.node);

/**
 * In Node, puts Dawn's WebGPU on `navigator.gpu` (and its GPU* constants on globalThis), as
 * tfjs-backend-webgpu expects before it registers, but only once Dawn has an adapter to give.
 * Resolves to null when installed (or when not needed), else to why WebGPU is not available here,
 * in words for the runner's one line, e.g. "Dawn found no GPU adapter (…)".
 */
export function installNodeGpu(): Promise<string | null> {
  install ??= (async () => {
    if (!inNode() || (globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu) return null;
    const missing = findVulkanLoader();
    if (missing) return missing;
    const name = 'webgpu'; // kept out of the page's and the container's bundles: Node resolves it
    let dawn: { create: (flags: string[]) => GPU; globals: object };
    try {
      dawn = await import(/* @vite-ignore */ name);
    } catch (e) {
      return `the webgpu package did not load (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`;
    }
    const gpu = dawn.create([]);
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' }).catch(() => null);
    if (!adapter) return 'Dawn found no GPU adapter (on Linux, a Vulkan driver; VK_ICD_FILENAMES can name one, e.g. SwiftShader)';
    Object.assign(globalThis, dawn.globals);
    const nav = ((globalThis as { navigator?: object }).navigator ??= {}); // Node 20 has no navigator
    Object.defineProperty(nav, 'gpu', { value: gpu, configurable: true });
    return null;
  })();
  return install;
}

/**
 * On Linux Dawn reaches the GPU through the Vulkan loader (libvulkan.so.1). Where the system has
 * none but VK_ICD_FILENAMES names a driver shipped with its own loader beside it (Debian's
 * Chromium: vk_swiftshader_icd.json next to libvulkan.so.1), that loader is loaded, kept loaded
 * (RTLD_NODELETE), so Dawn's dlopen by name finds it. Null when a loader is there, else why not.
 */
function findVulkanLoader(): string | null {
  if (process.platform !== 'linux') return null; // Metal and D3D12 need no loader
  const os = process.getBuiltinModule('node:os');
  const path = process.getBuiltinModule('node:path');
  const fs = process.getBuiltinModule('node:fs');
  const { RTLD_NOW, RTLD_GLOBAL } = os.constants.dlopen;
  const RTLD_NODELETE = 0x1000; // glibc's; Node passes the flags to dlopen as they are
  const tryLoad = (file: string) => {
    try {
      process.dlopen({ exports: {} }, file, RTLD_NOW | RTLD_GLOBAL | RTLD_NODELETE);
    } catch (e) {
      // Loaded, then refused as a Node addon: the library is there, which is all that is wanted.
      return e instanceof Error && e.message.includes('did not self-register');
    }
    return true;
  };
  if (tryLoad('libvulkan.so.1')) return null;
  const icd = (process.env.VK_ICD_FILENAMES ?? process.env.VK_DRIVER_FILES ?? '').split(':')[0];
  const beside = icd && path.join(path.dirname(icd), 'libvulkan.so.1');
  if (beside && fs.existsSync(beside) && tryLoad(beside)) return null;
  return 'no Vulkan loader here (libvulkan.so.1; install libvulkan1 and a Vulkan driver)';
}
