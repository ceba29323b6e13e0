/**
 * The default-mode benchmark: invocation round trips and broadcasts through the emulator, over server connections
 * against the serverless upstream and REST paths, in one run ({@link DefaultModeBenchmark}).
 */
package io.github.springsignalr.benchmarks.defaultmode;
