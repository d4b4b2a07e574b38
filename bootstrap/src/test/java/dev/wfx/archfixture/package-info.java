/**
 * A deliberately broken class set: every architecture rule must find a violation here, which
 * proves the rules can fail.
 */
package dev.wfx.archfixture;
