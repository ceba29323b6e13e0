/**
 * Upstream calls in serverless mode: connection events and client invocations POSTed to the configured URL template
 * with the service's {@code X-ASRS-*} headers and a signature per access key.
 */
@NullMarked
package io.github.springsignalr.emulator.upstream;

import org.jspecify.annotations.NullMarked;
