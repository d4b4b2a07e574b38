/** Use cases on workflow executions: reading one as a document, recording its history. */
package dev.wfx.application.execution;
