/** Use cases on callers: authenticating an API key, issuing keys. */
package dev.wfx.application.access;
