/**
 * Auto-configuration of REST messaging and of the endpoints' health checks.
 */
package io.github.springsignalr.autoconfigure.rest;
