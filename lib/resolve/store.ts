import { parseManifest, type ParsedManifest } from "../manifest/parse";
import { resolveChain, type PlatformResolution } from "./chain";
import type { ResolveOptions } from "./exceptions";

export interface ManifestText {
  text: string;
  /** Shown in violations: a path on disk, a URL, or the reference itself. */
  file: string;
}
/** Where manifests come from: a directory, a registry, the console's database. */
export type ManifestSource = (ref: string) => ManifestText | null | Promise<ManifestText | null>;

/**
 * Reads, parses and validates each manifest once, and resolves each platform chain once,
 * however many products share it: this is what keeps a whole-organisation check linear.
 */
export class ManifestStore {
  private readonly manifests = new Map<string, Promise<ParsedManifest | null>>();
  private readonly platforms = new Map<string, Promise<PlatformResolution | null>>();

  /** `options.today` applies the enterprise's time-boxed exceptions as of that day (lib/resolve/exceptions.ts). */
  constructor(
    private readonly source: ManifestSource,
    private readonly options: ResolveOptions = {},
  ) {}

  manifest(ref: string): Promise<ParsedManifest | null> {
    let hit = this.manifests.get(ref);
    if (!hit) {
      hit = Promise.resolve(this.source(ref)).then((found) => (found ? parseManifest(found.text, found.file, { ref }) : null));
      this.manifests.set(ref, hit);
    }
    return hit;
  }

  /** The resolved chain under a platform reference, or null when the reference does not exist. */
  platform(ref: string): Promise<PlatformResolution | null> {
    let hit = this.platforms.get(ref);
    if (!hit) {
      hit = this.manifest(ref).then((top) => (top ? resolveChain(top, (r) => this.manifest(r), this.options) : null));
      this.platforms.set(ref, hit);
    }
    return hit;
  }

  /** Resolves a manifest that is not (yet) in the source, e.g. a draft about to be published. */
  resolveDraft(draft: ParsedManifest): Promise<PlatformResolution> {
    return resolveChain(draft, (r) => this.manifest(r), this.options);
  }

  /** Every reference loaded so far. */
  loadedRefs(): string[] {
    return [...this.manifests.keys()];
  }
}
