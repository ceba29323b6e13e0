/**
 * Azure SignalR Service connection strings: parsed and validated as the service's .NET SDK reads them, and written
 * as the portal's generator does, with errors that name the key at fault and never show a secret.
 */
@NullMarked
package io.github.springsignalr.connectionstring;

import org.jspecify.annotations.NullMarked;
