/** The workflow execution aggregate, its identity, status, recording rules and driven port. */
package dev.wfx.domain.execution;
