/**
 * Contract tests of the store's role ports, one per role: extend one, say how to make a fresh instance, and the
 * JUnit tests it inherits check the behaviour every implementation (in memory, SQLite, …) must share.
 */
package dev.llmsession.testkit.store;
