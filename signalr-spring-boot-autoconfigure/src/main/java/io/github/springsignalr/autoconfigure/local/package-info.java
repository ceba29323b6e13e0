/**
 * Local mode's connection details: the endpoint of the emulator that signalr-emulator's local mode started.
 */
package io.github.springsignalr.autoconfigure.local;
