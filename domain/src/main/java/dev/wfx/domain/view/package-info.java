/** The WorkflowExecution document that clients read, and the rules that derive it from a history. */
package dev.wfx.domain.view;
