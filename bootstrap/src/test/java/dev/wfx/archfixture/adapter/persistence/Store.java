package dev.wfx.archfixture.adapter.persistence;

import dev.wfx.archfixture.adapter.rest.CallsPersistence;
import dev.wfx.archfixture.bootstrap.Main;

/** Breaks adapter isolation and the outermost ring: persistence knows REST and bootstrap. */
public class Store {
  public Class<?> caller() {
    return CallsPersistence.class;
  }

  public Class<?> wiring() {
    return Main.class;
  }
}
