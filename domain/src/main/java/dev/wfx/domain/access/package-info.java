/** Who calls: roles, workspaces they may see, and what they may do. */
package dev.wfx.domain.access;
