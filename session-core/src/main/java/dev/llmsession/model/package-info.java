/**
 * The domain model: immutable records and enums describing sessions, their tokens, context fill,
 * cost, errors and health. Depends on nothing but the JDK.
 */
package dev.llmsession.model;
