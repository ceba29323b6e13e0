/**
 * The application the start-up benchmark starts: Spring MVC with one endpoint and the starter.
 */
package io.github.springsignalr.benchmarks.startup;
