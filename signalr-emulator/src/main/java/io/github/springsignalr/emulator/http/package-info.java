/**
 * Small helpers shared by the instance's HTTP endpoints: reading a request's query and bearer token, writing the
 * service's answers.
 */
package io.github.springsignalr.emulator.http;
