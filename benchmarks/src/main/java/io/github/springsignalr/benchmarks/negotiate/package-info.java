/**
 * The cost of a negotiate: the library's negotiator, its answer as JSON, and the Spring MVC handler the starter
 * routes to.
 */
package io.github.springsignalr.benchmarks.negotiate;
