/** Workspaces, the unit of visibility: their ids and which of them a caller may see. */
package dev.wfx.domain.workspace;
