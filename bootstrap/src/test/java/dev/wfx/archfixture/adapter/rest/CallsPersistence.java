package dev.wfx.archfixture.adapter.rest;

import dev.wfx.archfixture.adapter.persistence.Store;

/** Breaks adapter isolation: the REST adapter calls the persistence adapter directly. */
public class CallsPersistence {
  public Store store() {
    return new Store();
  }
}
