/**
 * Auto-configuration of REST messaging and of the endpoints' health checks.
 */
@NullMarked
package io.github.springsignalr.autoconfigure.rest;

import org.jspecify.annotations.NullMarked;
