/**
 * Microsoft Entra ID authentication ({@code AuthType=azure}, {@code azure.msi}, {@code azure.app}): the customizer of
 * the credential a connection string names. The credentials, the temporary access keys the service gives in exchange
 * for an Entra token and the Entra token as the bearer of REST calls, as the service's .NET SDK does, are in
 * {@code io.github.springsignalr.entra.internal}.
 */
@NullMarked
package io.github.springsignalr.entra;

import org.jspecify.annotations.NullMarked;
