/**
 * The model ranker cannot rank this request: no ranker is published, or it was trained on a channel this
 * process cannot score. The caller answers with the embedding ranker and reports `ranker:unavailable`.
 */
export class RankerUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RankerUnavailableError";
  }
}
