/**
 * A local stand-in for Microsoft Entra ID's token endpoint over HTTPS: the OAuth 2.0 client-credentials grant for
 * registered applications, RS256 tokens and the metadata MSAL reads, close enough that azure-identity's
 * {@code ClientSecretCredential} signs in to it unchanged.
 */
@NullMarked
package io.github.springsignalr.emulator.entra;

import org.jspecify.annotations.NullMarked;
