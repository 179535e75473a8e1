/**
 * Application services behind the public API: provider loading and the default implementations of the
 * ports. Public for the core's own packages, but not API: nothing outside the core may use it.
 */
package dev.llmsession.internal;
