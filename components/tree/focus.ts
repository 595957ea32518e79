/** "Bring node `id` into view": each new `seq` is acted on once, when the node is shown. */
export interface FocusRequest {
  id: string | null;
  seq: number;
}
