import { parseManifest, type ParsedManifest } from "../manifest/parse";
import { fastLoadYaml } from "../yaml/fast-load";
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

  /**
   * `options.today` applies the enterprise's time-boxed exceptions as of that day (lib/resolve/exceptions.ts).
   * `reuse`: an earlier store over mostly the same manifests (the current tree, when evaluating an
   * edit of it). A manifest with the same reference, file and text is its parsed object, and a chain
   * built from the same parsed objects (and the same day) is its resolution: the same values, and the
   * same identity, which tells an impact computation that nothing under that platform can have moved.
   */
  private readonly prior: { today: string | undefined; manifests: ReadonlyMap<string, Promise<ParsedManifest | null>>; platforms: ReadonlyMap<string, Promise<PlatformResolution | null>> };

  constructor(
    private readonly source: ManifestSource,
    private readonly options: ResolveOptions = {},
    reuse?: ManifestStore,
  ) {
    // Copies of the earlier store's entries, not the store: stores built on stores must not chain.
    this.prior = { today: reuse?.options.today, manifests: new Map(reuse?.manifests), platforms: new Map(reuse?.platforms) };
  }

  manifest(ref: string): Promise<ParsedManifest | null> {
    let hit = this.manifests.get(ref);
    if (!hit) {
      hit = Promise.resolve(this.source(ref)).then(async (found) => {
        if (!found) return null;
        const prior = await this.prior.manifests.get(ref);
        if (prior && prior.text === found.text && prior.file === found.file) return prior;
        // A store reads many manifests (a domain's lists hundreds of products): the fast reader, same verdicts.
        return parseManifest(found.text, found.file, { ref, loaded: fastLoadYaml(found.text) });
      });
      this.manifests.set(ref, hit);
    }
    return hit;
  }

  /** The resolved chain under a platform reference, or null when the reference does not exist. */
  platform(ref: string): Promise<PlatformResolution | null> {
    let hit = this.platforms.get(ref);
    if (!hit) {
      hit = this.manifest(ref).then(async (top) => {
        if (!top) return null;
        const prior = await this.reusablePlatform(ref, top);
        return prior ?? resolveChain(top, (r) => this.manifest(r), this.options);
      });
      this.platforms.set(ref, hit);
    }
    return hit;
  }

  /**
   * The earlier store's chain when it was built from these very parsed manifests. A chain reads its
   * top manifest and, for a domain, the parent it names (the same parsed object, or missing both
   * times); a parent that is itself a readable non-enterprise manifest sends resolveChain looking
   * for a cycle through further manifests, so that chain is resolved afresh.
   */
  private async reusablePlatform(ref: string, top: ParsedManifest): Promise<PlatformResolution | null> {
    if (this.prior.today !== this.options.today) return null;
    const prior = await this.prior.platforms.get(ref);
    if (!prior || prior.top !== top) return null;
    const parentRef = top.tier === "domain" ? top.manifest?.parent_manifest : undefined;
    if (!parentRef) return prior;
    const parent = await this.manifest(parentRef);
    if (parent !== (await this.prior.manifests.get(parentRef))) return null;
    return parent?.manifest && parent.tier !== "enterprise" ? null : prior;
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
