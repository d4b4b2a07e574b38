package dev.wfx.archfixture.domain.execution;

import dev.wfx.archfixture.domain.audit.NamesExecution;

/** Half of a package cycle: the execution package stores the audit package's entry. */
public interface StoresAudit {
  void append(NamesExecution entry);
}
