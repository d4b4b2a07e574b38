/** The workflow-execution resource: its HTTP service, its wire records and the document encoding. */
package dev.wfx.adapter.rest.execution;
