/**
 * Auto-configuration of the upstream URL that receives the service's serverless events.
 */
package io.github.springsignalr.autoconfigure.upstream;
