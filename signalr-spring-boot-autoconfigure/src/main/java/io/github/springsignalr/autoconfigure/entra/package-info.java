/**
 * Auto-configuration of Microsoft Entra ID authentication: the credentials connection strings name (reusing Spring
 * Cloud Azure's default credential and authority host), the temporary access keys and the Entra bearer of REST calls.
 */
@NullMarked
package io.github.springsignalr.autoconfigure.entra;

import org.jspecify.annotations.NullMarked;
