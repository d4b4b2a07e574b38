package dev.wfx.archfixture.domain;

import dev.wfx.archfixture.application.UsesJdbc;

/** Breaks the onion: the domain reaches out to the application layer. */
public class DependsOnApplication {
  public Class<?> useCase() {
    return UsesJdbc.class;
  }
}
