/**
 * Small helpers shared by the instance's HTTP endpoints: reading a request's query and bearer token, writing the
 * service's answers.
 */
@NullMarked
package io.github.springsignalr.emulator.http;

import org.jspecify.annotations.NullMarked;
