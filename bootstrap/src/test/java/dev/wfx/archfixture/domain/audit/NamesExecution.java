package dev.wfx.archfixture.domain.audit;

import dev.wfx.archfixture.domain.execution.StoresAudit;

/** Closes a package cycle: the audit entry reaches back into the execution package. */
public record NamesExecution(StoresAudit store) {}
