/**
 * Build tools: the scan of what the test suite logged for access keys.
 */
package io.github.springsignalr.build;
