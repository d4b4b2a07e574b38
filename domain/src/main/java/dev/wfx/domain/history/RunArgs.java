package dev.wfx.domain.history;

import java.util.Objects;

/**
 * Value object: what the document needs of a Tracecat DSLRunArgs input (a decoded input object
 * whose {@code role} is an object), read at the edge (spec §6.4).
 *
 * @param role the {@code role} object, verbatim
 * @param runtimeTimeout {@code runtime_config.timeout}; null when absent or JSON null
 * @param timeout the top-level {@code timeout}; null when absent or JSON null
 */
public record RunArgs(JsonText role, TimeoutSetting runtimeTimeout, TimeoutSetting timeout) {

  public RunArgs {
    Objects.requireNonNull(role, "role");
  }
}
