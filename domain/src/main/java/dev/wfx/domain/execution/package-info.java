/**
 * The workflow execution aggregate, its identity, status, recording rules, the audit entry of each
 * write, and its driven port.
 */
package dev.wfx.domain.execution;
