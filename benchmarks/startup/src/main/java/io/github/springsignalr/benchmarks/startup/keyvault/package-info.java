/**
 * The Key Vault variant's client settings, compiled with {@code -Pstartup-keyvault} only.
 */
package io.github.springsignalr.benchmarks.startup.keyvault;
