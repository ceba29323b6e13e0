/**
 * Auto-configuration of the upstream URL that receives the service's serverless events.
 */
@NullMarked
package io.github.springsignalr.autoconfigure.upstream;

import org.jspecify.annotations.NullMarked;
