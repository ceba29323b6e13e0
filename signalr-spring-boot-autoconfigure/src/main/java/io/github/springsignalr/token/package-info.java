/**
 * Access keys and the tokens they sign: client access tokens, REST tokens and the negotiate answer.
 */
package io.github.springsignalr.token;
