package dev.wfx.application.testing;

import dev.wfx.domain.access.ApiKeys;

/** Runs the {@link ApiKeys} contract against the in-memory fake. */
class InMemoryApiKeysTest extends ApiKeysContract {

  @Override
  protected ApiKeys emptyApiKeys() {
    return new InMemoryApiKeys();
  }
}
